CREATE TABLE `Users` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `Email` varchar(190) NOT NULL,
  `key` varchar(50) NOT NULL, `value` json, `type` enum('a','b') DEFAULT 'a', `name` varchar(100) COLLATE utf8mb4_bin,
  `status` set('x','y'), `comment` text, `level` tinyint(3) unsigned zerofill, `position` int, `language` char(2),
  `data` blob, `source` varchar(20), `action` varchar(20), `role` varchar(20), `owner` varchar(20), `version` int,
  `full_name` varchar(200) GENERATED ALWAYS AS (concat(`name`, ' ', `key`)) VIRTUAL,
  `created_at` datetime(6) NOT NULL DEFAULT current_timestamp(6) ON UPDATE current_timestamp(6),
  `deleted_at` timestamp NULL DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `users_key` (`key`),
  KEY `users_email` (`Email`(20)),
  KEY `users_name_desc` (`name` DESC, `created_at`),
  FULLTEXT KEY `users_comment` (`comment`),
  KEY `users_full` (`full_name`),
  CONSTRAINT `users_level` CHECK (`level` < 100)
) ENGINE=InnoDB AUTO_INCREMENT=5 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='people; with ''quotes''';
CREATE TABLE `order` (
  `id` int NOT NULL, `user_id` bigint unsigned NOT NULL, `select` int, `at` date NOT NULL,
  PRIMARY KEY (`id`, `at`), KEY `order_user` (`user_id`)
) ENGINE=InnoDB PARTITION BY RANGE (YEAR(`at`)) (PARTITION p2024 VALUES LESS THAN (2025), PARTITION pmax VALUES LESS THAN MAXVALUE);
CREATE TABLE `child` (
  `id` int PRIMARY KEY, `user_id` bigint unsigned,
  CONSTRAINT `child_user` FOREIGN KEY (`user_id`) REFERENCES `Users` (`id`) ON DELETE SET NULL ON UPDATE CASCADE
) ENGINE=InnoDB;
CREATE VIEW `live_users` AS SELECT `id`, `name` FROM `Users` WHERE `deleted_at` IS NULL;
DELIMITER //
CREATE TRIGGER `users_touch` BEFORE UPDATE ON `Users` FOR EACH ROW BEGIN SET NEW.version = IFNULL(OLD.version, 0) + 1; END//
CREATE PROCEDURE `purge`(IN days INT) BEGIN DELETE FROM `child` WHERE id < days; SELECT 1; END//
DELIMITER ;
CREATE TABLE `seq_like` (`n` int NOT NULL AUTO_INCREMENT PRIMARY KEY) ENGINE=MyISAM;
