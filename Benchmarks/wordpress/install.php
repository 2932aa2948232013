<?php
// Installs WordPress into the peer's empty database, as its web installer does (wp_install), then
// sets what a paper would: the site's time zone and date-based pretty permalinks.
//
//   php install.php WORDPRESS_FOLDER
if ($argc !== 2) {
    fwrite(STDERR, "usage: php install.php WORDPRESS_FOLDER\n");
    exit(2);
}
define('WP_INSTALLING', true);
$_SERVER['HTTP_HOST'] = '127.0.0.1';
require $argv[1] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$installed = wp_install('The Benchmark Herald', 'admin', 'admin@bench.example', true, '', wp_generate_password());
if (empty($installed['user_id'])) {
    fwrite(STDERR, "install.php: wp_install created no administrator\n");
    exit(1);
}
update_option('timezone_string', 'Asia/Karachi');
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');
// Rewrite rules in the database only: nginx routes every path to index.php, there is no .htaccess.
flush_rewrite_rules(false);
printf("installed WordPress %s, theme %s\n", get_bloginfo('version'), get_stylesheet());
