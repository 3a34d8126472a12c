"""Project commands (``COMMANDS_MODULE``): ``scrapy export`` and a ``scrapy crawl`` whose exit
status says whether the crawl succeeded, for cron, systemd timers and scripts."""
