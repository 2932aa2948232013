<?php
// Imports a WXR file into WordPress through WordPress's own API, step for step as its importer
// plugin (wordpress-importer, which Debian does not package) does when told to create the
// file's authors as users: the whole file parsed with SimpleXML first; authors made with
// wp_insert_user; categories and tags with wp_insert_category and wp_insert_term; then each post
// checked with post_exists, inserted with wp_insert_post and given its terms with term_exists,
// wp_insert_term and wp_set_post_terms; term counting deferred and cache invalidation suspended
// around it, the term hierarchy rebuilt at the end, as the plugin does. It runs as the
// administrator, as the plugin's page does, and stops at the first item WordPress refuses.
//
//   php import.php WORDPRESS_FOLDER FILE.xml
if ($argc !== 3) {
    fwrite(STDERR, "usage: php import.php WORDPRESS_FOLDER FILE.xml\n");
    exit(2);
}
[$_, $folder, $file] = $argv;
// wp-admin/admin.php defines these for an importer's page.
define('WP_IMPORTING', true);
define('WP_LOAD_IMPORTERS', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require $folder . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
set_time_limit(0);
wp_set_current_user(1);

function fail(string $message): never
{
    fwrite(STDERR, "import.php: $message\n");
    exit(1);
}

/** The file's authors, categories, tags and posts as arrays, read the way the plugin's SimpleXML parser reads them. */
function parse(string $file): array
{
    libxml_use_internal_errors(true);
    $xml = simplexml_load_file($file, 'SimpleXMLElement', LIBXML_PARSEHUGE);
    if ($xml === false) {
        $error = libxml_get_errors()[0] ?? null;
        fail($error ? sprintf('%s:%d: %s', $file, $error->line, trim($error->message)) : "$file: not XML");
    }
    $wpNamespace = $xml->getDocNamespaces()['wp'] ?? fail("$file: no wp: namespace, expected a WXR file");
    $channel = $xml->channel;
    $wp = $channel->children($wpNamespace);
    $data = ['authors' => [], 'categories' => [], 'tags' => [], 'posts' => []];
    foreach ($wp->author as $author) {
        $fields = $author->children($wpNamespace);
        $data['authors'][(string) $fields->author_login] = [
            'login' => (string) $fields->author_login,
            'email' => (string) $fields->author_email,
            'display_name' => (string) $fields->author_display_name,
        ];
    }
    foreach ($wp->category as $category) {
        $fields = $category->children($wpNamespace);
        $data['categories'][] = ['nicename' => (string) $fields->category_nicename, 'name' => (string) $fields->cat_name];
    }
    foreach ($wp->tag as $tag) {
        $fields = $tag->children($wpNamespace);
        $data['tags'][] = ['slug' => (string) $fields->tag_slug, 'name' => (string) $fields->tag_name];
    }
    foreach ($channel->item as $number => $item) {
        $fields = $item->children($wpNamespace);
        $post = [
            'post_id' => (int) $fields->post_id,
            'post_title' => (string) $item->title,
            'guid' => (string) $item->guid,
            'post_author' => (string) $item->children('http://purl.org/dc/elements/1.1/')->creator,
            'post_content' => (string) $item->children('http://purl.org/rss/1.0/modules/content/')->encoded,
            'post_excerpt' => (string) $item->children('http://wordpress.org/export/1.2/excerpt/')->encoded,
            'post_date' => (string) $fields->post_date,
            'post_date_gmt' => (string) $fields->post_date_gmt,
            'comment_status' => (string) $fields->comment_status,
            'ping_status' => (string) $fields->ping_status,
            'post_name' => (string) $fields->post_name,
            'status' => (string) $fields->status,
            'post_parent' => (int) $fields->post_parent,
            'menu_order' => (int) $fields->menu_order,
            'post_type' => (string) $fields->post_type,
            'post_password' => (string) $fields->post_password,
            'is_sticky' => (int) $fields->is_sticky,
            'terms' => [],
        ];
        if ($post['post_title'] === '' || $post['post_date'] === '') {
            fail(sprintf('%s: item %d (wp:post_id %d) has no title or no wp:post_date', $file, count($data['posts']) + 1, $post['post_id']));
        }
        foreach ($item->category as $term) {
            $attributes = $term->attributes();
            if (isset($attributes['domain'])) {
                $post['terms'][] = ['name' => (string) $term, 'slug' => (string) $attributes['nicename'], 'domain' => (string) $attributes['domain']];
            }
        }
        $data['posts'][] = $post;
    }
    return $data;
}

/** Login => user ID: a new user for each of the file's authors, or the one a previous import made. */
function create_authors(array $authors): array
{
    $users = [];
    foreach ($authors as $login => $author) {
        $id = username_exists($author['login']) ?: wp_insert_user([
            'user_login' => $author['login'],
            'user_pass' => wp_generate_password(),
            'user_email' => $author['email'],
            'display_name' => $author['display_name'],
            'first_name' => '',
            'last_name' => '',
        ]);
        if (is_wp_error($id)) {
            fail("author $login: " . $id->get_error_message());
        }
        $users[sanitize_user($login, true)] = $id;
    }
    return $users;
}

function create_terms(array $categories, array $tags): void
{
    foreach ($categories as $category) {
        if (term_exists($category['nicename'], 'category')) {
            continue;
        }
        $id = wp_insert_category(['category_nicename' => $category['nicename'], 'category_parent' => 0,
            'cat_name' => wp_slash($category['name']), 'category_description' => ''], true);
        if (is_wp_error($id)) {
            fail("category {$category['nicename']}: " . $id->get_error_message());
        }
    }
    foreach ($tags as $tag) {
        if (term_exists($tag['slug'], 'post_tag')) {
            continue;
        }
        $made = wp_insert_term(wp_slash($tag['name']), 'post_tag', ['slug' => $tag['slug'], 'description' => '']);
        if (is_wp_error($made)) {
            fail("tag {$tag['slug']}: " . $made->get_error_message());
        }
    }
}

/** Inserts each post not already there, with its terms; returns how many were inserted. */
function create_posts(array $posts, array $users): int
{
    $inserted = 0;
    foreach ($posts as $post) {
        $existing = post_exists($post['post_title'], '', $post['post_date']);
        if ($existing && get_post_type($existing) === $post['post_type']) {
            $id = $existing;
        } else {
            $author = $users[sanitize_user($post['post_author'], true)] ?? get_current_user_id();
            $id = wp_insert_post(wp_slash([
                'import_id' => $post['post_id'],
                'post_author' => $author,
                'post_date' => $post['post_date'],
                'post_date_gmt' => $post['post_date_gmt'],
                'post_content' => $post['post_content'],
                'post_excerpt' => $post['post_excerpt'],
                'post_title' => $post['post_title'],
                'post_status' => $post['status'],
                'post_name' => $post['post_name'],
                'comment_status' => $post['comment_status'],
                'ping_status' => $post['ping_status'],
                'guid' => $post['guid'],
                'post_parent' => $post['post_parent'],
                'menu_order' => $post['menu_order'],
                'post_type' => $post['post_type'],
                'post_password' => $post['post_password'],
            ]), true);
            if (is_wp_error($id)) {
                fail("post {$post['post_id']} (\"{$post['post_title']}\"): " . $id->get_error_message());
            }
            if ($post['is_sticky'] === 1) {
                stick_post($id);
            }
            $inserted++;
        }
        $byTaxonomy = [];
        foreach ($post['terms'] as $term) {
            $taxonomy = $term['domain'] === 'tag' ? 'post_tag' : $term['domain'];
            $found = term_exists($term['slug'], $taxonomy);
            $termId = is_array($found) ? $found['term_id'] : $found;
            if (!$termId) {
                $made = wp_insert_term($term['name'], $taxonomy, ['slug' => $term['slug']]);
                if (is_wp_error($made)) {
                    fail("post {$post['post_id']}, $taxonomy {$term['slug']}: " . $made->get_error_message());
                }
                $termId = $made['term_id'];
            }
            $byTaxonomy[$taxonomy][] = (int) $termId;
        }
        foreach ($byTaxonomy as $taxonomy => $ids) {
            $set = wp_set_post_terms($id, $ids, $taxonomy);
            if (is_wp_error($set) || $set === false) {
                fail("post {$post['post_id']}: could not set its $taxonomy terms");
            }
        }
    }
    return $inserted;
}

$data = parse($file);
wp_defer_term_counting(true);
wp_defer_comment_counting(true);
$users = create_authors($data['authors']);
wp_suspend_cache_invalidation(true);
create_terms($data['categories'], $data['tags']);
$inserted = create_posts($data['posts'], $users);
wp_suspend_cache_invalidation(false);
wp_cache_flush();
foreach (get_taxonomies() as $taxonomy) {
    delete_option("{$taxonomy}_children");
    _get_term_hierarchy($taxonomy);
}
wp_defer_term_counting(false);
wp_defer_comment_counting(false);
printf("imported %d of %d posts by %d authors\n", $inserted, count($data['posts']), count($users));
