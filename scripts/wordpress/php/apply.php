<?php
/**
 * Apply a list of operations (JSON on stdin: {"ids": {key: ID}, "ops": [...]}) to the WordPress in argv[1], through WordPress's
 * own API (wp_insert_post, wp_insert_user, wp_insert_comment...), so the database holds what a
 * real site's editors would have left. Prints {"ids": {key: ID}, "files": {key: URL}}.
 *
 * Dates are fixed by the caller: WordPress stamps "now" on post_modified and user_registered,
 * so those columns are rewritten after each insert. Content may name other objects as
 * {id:KEY}, {url:KEY} (permalink) and {src:KEY} / {src:KEY:SIZE} (image URL).
 */

define('WP_USE_THEMES', false);
$input = json_decode(stream_get_contents(STDIN), true);
$ops = $input['ops'];
if (($ops[0]['op'] ?? '') === 'install') {
    define('WP_INSTALLING', true);
}
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/image.php';
require_once ABSPATH . 'wp-admin/includes/post.php';

$ids = $input['ids'];  // keys of objects earlier runs created
$files = [];

function resolve($text) {
    global $ids;
    return preg_replace_callback('/\{(id|url|src):([\w-]+)(?::([\w-]+))?\}/', function ($m) use ($ids) {
        $id = $ids[$m[2]];
        if ($m[1] === 'id') {
            return (string) $id;
        }
        if ($m[1] === 'url') {
            return get_permalink($id);
        }
        return wp_get_attachment_image_url($id, $m[3] ?? 'full');
    }, $text);
}

function gmt($local) {
    return get_gmt_from_date($local);
}

function fix_modified($id, $local) {
    global $wpdb;
    $wpdb->update($wpdb->posts, ['post_modified' => $local, 'post_modified_gmt' => gmt($local)],
                  ['ID' => $id]);
    clean_post_cache($id);
}

function op_install($op) {
    global $wpdb, $ids;
    wp_install($op['title'], 'admin', 'admin@' . parse_url($op['home'], PHP_URL_HOST), 1, '',
               'fixture-admin-password');
    foreach ($op['options'] as $name => $value) {
        update_option($name, $value);
    }
    update_option('home', $op['home']);
    update_option('siteurl', $op['home']);
    // wp_install's sample content is stamped with today's date: start from an empty site.
    foreach (['posts', 'postmeta', 'comments', 'commentmeta'] as $table) {
        $wpdb->query("TRUNCATE TABLE {$wpdb->$table}");
    }
    $wpdb->query("UPDATE {$wpdb->term_taxonomy} SET count = 0");
    $wpdb->update($wpdb->users, ['user_registered' => $op['registered']], ['ID' => 1]);
    flush_rewrite_rules(false);
    $ids['uncategorized'] = (int) get_option('default_category');
}

function op_user($op) {
    global $ids, $wpdb;
    $id = wp_insert_user([
        'user_login' => $op['login'], 'user_pass' => 'fixture-password', 'role' => 'author',
        'user_nicename' => $op['slug'], 'display_name' => $op['name'],
        'first_name' => $op['first'] ?? '', 'last_name' => $op['last'] ?? '',
        'user_email' => $op['login'] . '@users.example', 'description' => $op['bio'] ?? '',
        'user_url' => $op['url'] ?? '',
    ]);
    if (is_wp_error($id)) {
        throw new Exception($id->get_error_message());
    }
    // wp_insert_user strips a non-ASCII nicename; WordPress's own slug rule keeps it encoded.
    $wpdb->update($wpdb->users, ['user_registered' => $op['registered'],
                                 'user_nicename' => sanitize_title($op['slug'])], ['ID' => $id]);
    clean_user_cache($id);
    $ids[$op['key']] = $id;
}

function op_term($op) {
    global $ids;
    $args = ['slug' => $op['slug'] ?? '', 'description' => $op['description'] ?? ''];
    if (isset($op['parent'])) {
        $args['parent'] = $ids[$op['parent']];
    }
    $term = wp_insert_term($op['name'], $op['taxonomy'], $args);
    if (is_wp_error($term)) {
        throw new Exception($term->get_error_message());
    }
    $ids[$op['key']] = $term['term_id'];
}

function op_image($op) {
    global $ids, $files;
    $uploads = wp_upload_dir(substr($op['date'], 0, 4) . '/' . substr($op['date'], 5, 2));
    $path = $uploads['path'] . '/' . basename($op['file']);
    copy($op['file'], $path);
    $id = wp_insert_attachment([
        'post_title' => $op['title'], 'post_excerpt' => $op['caption'] ?? '',
        'post_content' => $op['description'] ?? '', 'post_mime_type' => 'image/png',
        'post_date' => $op['date'], 'post_date_gmt' => gmt($op['date']),
        'post_author' => $ids[$op['author']], 'guid' => $uploads['url'] . '/' . basename($path),
        'post_name' => $op['slug'] ?? '',
    ], $path, isset($op['parent']) ? $ids[$op['parent']] : 0, true);
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $path));
    update_post_meta($id, '_wp_attachment_image_alt', $op['alt'] ?? '');
    fix_modified($id, $op['date']);
    $ids[$op['key']] = $id;
    $files[$op['key']] = wp_get_attachment_url($id);
}

function op_post($op) {
    global $ids;
    $terms = fn ($keys) => array_map(fn ($k) => $ids[$k], $keys);
    $id = wp_insert_post([
        'post_type' => $op['type'] ?? 'post', 'post_status' => 'publish',
        'post_author' => $ids[$op['author']], 'post_title' => $op['title'],
        'post_name' => $op['slug'], 'post_content' => resolve($op['content']),
        'post_excerpt' => $op['excerpt'] ?? '', 'post_date' => $op['date'],
        'post_date_gmt' => gmt($op['date']), 'comment_status' => 'open',
        'post_category' => $terms($op['categories'] ?? []),
        'tags_input' => $terms($op['tags'] ?? []), 'menu_order' => $op['order'] ?? 0,
        'post_password' => $op['password'] ?? '',
    ], true);
    if (is_wp_error($id)) {
        throw new Exception($id->get_error_message());
    }
    if (!empty($op['sticky'])) {
        stick_post($id);
    }
    if (isset($op['format'])) {
        set_post_format($id, $op['format']);
    }
    if (isset($op['thumbnail'])) {
        set_post_thumbnail($id, $ids[$op['thumbnail']]);
    }
    fix_modified($id, $op['modified'] ?? $op['date']);
    $ids[$op['key']] = $id;
}

/** Images uploaded for a post belong to it (attachment pages hang under its permalink). */
function op_attach($op) {
    global $ids;
    wp_update_post(['ID' => $ids[$op['image']], 'post_parent' => $ids[$op['post']]]);
    $image = get_post($ids[$op['image']]);
    fix_modified($image->ID, $image->post_date);
}

function op_comment($op) {
    global $ids;
    $user = isset($op['user']) ? get_userdata($ids[$op['user']]) : null;
    $ids[$op['key']] = wp_insert_comment([
        'comment_post_ID' => $ids[$op['post']], 'comment_parent' => isset($op['parent']) ? $ids[$op['parent']] : 0,
        'comment_author' => $user ? $user->display_name : $op['name'],
        // An empty e-mail makes WordPress pick a random Gravatar host on every page view.
        'comment_author_email' => $user ? $user->user_email : ($op['email'] ?? md5($op['name']) . '@commenters.example'),
        'comment_author_url' => $op['url'] ?? '', 'comment_content' => $op['content'],
        'comment_date' => $op['date'], 'comment_date_gmt' => gmt($op['date']),
        'comment_approved' => $op['approved'] ?? 1, 'user_id' => $user ? $user->ID : 0,
        'comment_type' => $op['type'] ?? 'comment',
        'comment_author_IP' => '192.0.2.1', 'comment_agent' => 'fixture',
    ]);
}

/** An editor's later change: new title/body/slug; the modified date moves to op['modified']. */
function op_edit($op) {
    global $ids;
    $change = ['ID' => $ids[$op['post']]];
    foreach (['title' => 'post_title', 'content' => 'post_content', 'slug' => 'post_name'] as $k => $col) {
        if (isset($op[$k])) {
            $change[$col] = $k === 'content' ? resolve($op[$k]) : $op[$k];
        }
    }
    wp_update_post($change);
    fix_modified($ids[$op['post']], $op['modified']);
}

function op_delete($op) {
    global $ids;
    wp_delete_post($ids[$op['post']], true);
}

/** Site options changed after install (permalinks, comment paging...). */
function op_options($op) {
    foreach ($op['options'] as $name => $value) {
        update_option($name, $value);
    }
    flush_rewrite_rules(false);
}

function op_theme($op) {
    switch_theme($op['stylesheet']);
    if (wp_get_theme()->get_stylesheet() !== $op['stylesheet']) {
        throw new Exception('theme not activated: ' . $op['stylesheet']);
    }
}

foreach ($ops as $op) {
    call_user_func('op_' . $op['op'], $op);
}
echo json_encode(['ids' => $ids, 'files' => $files], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
