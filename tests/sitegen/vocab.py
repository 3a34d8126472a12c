"""Fixed vocabulary of the fixture sites: people, terms, names and sentence templates.

Nothing here is random; :mod:`tests.sitegen.content` draws from it with a seeded generator.
"""

from __future__ import annotations

SITE_NAME = "Deep Net Report"
TAGLINE = "Surfacing the news from the deep web"

# (user id, display name, user_nicename, bio). Names with entities and non-ASCII on purpose.
AUTHORS = [
    (1, "C. Aliens", "caliens", "C. Aliens covers darknet markets and the people behind them."),
    (2, "José Müller", "jose-muller", "José writes about privacy tools & operational security."),
    (3, "Анна Петрова", "anna-petrova", "Anna reports on Eastern European cybercrime."),
    (4, "Ermando", "ermando", "Guest writer and harm-reduction advocate."),
    (5, "Mary O'Brien", "mobrien", "Mary follows court cases, trials and sentencing."),
]

# (term id, name, slug, parent slug): names differ from slugs; two child categories.
CATEGORIES = [
    (1, "Uncategorized", "uncategorized", None),
    (3, "News", "news", None),
    (4, "Local", "local", "news"),
    (5, "Markets", "markets", None),
    (6, "Security & Privacy", "security-privacy", None),
    (7, "Guides", "guides", None),
    (8, "Featured", "deepdot-news", None),
    (9, "International", "international", None),
    (10, "Europe", "europe", "international"),
]

# (term id, name, slug), as WordPress's sanitize_title() and its "-2" rule would make them.
TAGS = [
    (20, "Dark Web", "dark-web"), (21, "C", "c"), (22, "C++", "c-2"),
    (23, "Übersicht", "ubersicht"),
    (24, "Bitcoin", "bitcoin"), (25, "Tor", "tor"), (26, "Europol", "europol"), (27, "PGP", "pgp"),
    (30, "Law Enforcement", "law-enforcement"), (33, "Q&A", "qa"), (34, "Даркнет", "darknet"),
    (35, "Arrests", "arrests"),
]

PLACES = ["Rotterdam", "Almaty", "São Paulo", "Dubrovnik", "Melbourne", "Ohio", "Bavaria",
          "Kraków", "Kazan", "Manchester", "Lyon", "Oslo", "Toronto", "Vienna", "Zürich"]
MARKETS = ["AlphaBay", "Hansa", "Dream Market", "Wall Street Market", "Valhalla", "Empire Market",
           "Berlusconi Market", "Nightmare", "Silk Road", "Dark Market", "Cannazon", "Versus"]
ITEMS = ["amphetamine", "LSD", "counterfeit euros", "stolen credentials", "fentanyl", "MDMA pills",
         "cannabis", "forged passports", "ransomware kits", "cloned cards", "ketamine", "malware"]
AGENCIES = ["Europol", "the FBI", "the DEA", "the National Crime Agency", "Dutch police",
            "German prosecutors", "the Australian Federal Police", "Interpol", "Finnish customs"]
ROLES = ["vendor", "moderator", "market admin", "security researcher", "defense lawyer",
         "former buyer", "journalist", "harm-reduction worker"]
TOOLS = ["Tails", "Tor Browser", "GnuPG", "Whonix", "Electrum", "VeraCrypt", "Signal", "KeePassXC"]
HANDLES = ["NorthStar", "GhostRider", "DutchMagic", "PlutoPete", "KingKong77", "Moriarty",
           "SilentBob", "TheChurch", "FrenchConnection", "Shadowfax"]

TITLES = [
    "{place} Police Arrest {n} {market} Users",
    "{market} Vendor Gets {n} Years",
    "{market} Exit Scam Rumours",
    "{n} Hidden Services Sell {item_t}",
    "{agency_t} Seizes {n} kg of {item_t}",
    "Interview: A {role_t}",
    "Guide: {tool} for Beginners",
    "{market} Goes Offline Again",
    "{handle} Shipped {item_t} From {place}",
    "{n} Tips About {tool}",
    "Customs in {place} Find {item_t}",
    "{item_t} Prices Rise on {market}",
]

SENTENCES = [
    "Police in {place} said they arrested {n} people suspected of selling {item} on {market}.",
    "According to {agency}, the investigation started after a routine parcel check in {place}.",
    "The vendor, who used the name {handle}, had completed more than {n}00 sales.",
    "Investigators traced payments through several Bitcoin mixers before the arrests.",
    "A {role} who spoke to us on condition of anonymity described the market as chaotic.",
    "Buyers on {market} reported delays of up to {n} weeks for international orders.",
    "The court heard that the parcels were posted from {place} and disguised as cosmetics.",
    "Security experts recommend {tool} for anyone who handles sensitive information.",
    "Prosecutors asked for a sentence of {n} years, citing the scale of the operation.",
    "The administrators of {market} denied the allegations in a forum post on Sunday.",
    "It is not clear how many customers were affected by the leak.",
    "{agency_c} did not respond to a request for comment.",
    "The seized servers held {n} gigabytes of chat logs and order records.",
    "Several vendors moved their stores to {market} within days of the takedown.",
    "Our sources say the escrow system was switched off shortly before the market vanished.",
    "The defendant pleaded guilty to {n} counts of distribution and money laundering.",
    "Researchers collected listings for {item} over a period of {n} months.",
    "Users are advised to verify PGP signatures before trusting any mirror link.",
]

HEADINGS = ["Background", "What happened next", "How the investigation worked", "Reactions",
            "The numbers", "What buyers should do", "A pattern of arrests", "Looking ahead"]

COMMENTERS = [
    ("habenero", None), ("Dom", None), ("Tor Boy", "https://torboy.example.net/"),
    ("Jörg", None), ("crypto_kate", "http://kate-writes.example.com/"), ("Pierre L.", None),
    ("Scooby Dooby Doo", None), ("anon", None), ("Σωκράτης", "https://sokratis.example.org/"),
    ("Mike T", None), ("throwaway42", None), ("Balam", "https://balam.example.com/blog/"),
]
COMMENTS = [
    "Thanks for the article! Great stuff.", "That was a nice article.", "Drama queen",
    "I agree, but it's amazing how many people don't use crypto who really should.",
    "Always verify the onion address before logging in.", "Source? This sounds made up.",
    "Good advice. Encrypt, encrypt, encrypt!", "Another one bites the dust.",
    "This is why you never finalize early.", "Stay safe out there, everyone.",
]
