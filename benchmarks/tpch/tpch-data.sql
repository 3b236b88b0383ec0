-- TPC-H data for PostgreSQL, generated in SQL. ${sf} is the scale factor (0.1 gives about 860,000 rows).
-- It follows the value distributions of the TPC-H specification (section 4.2.3) closely enough for the
-- planner: table sizes, key ranges, the sparse order keys, 1 to 7 lines per order, the date rules that relate
-- order, ship, commit and receipt dates, the return flag and line status derived from them, and the
-- text domains the 22 queries filter on (types, containers, brands, segments, priorities, ship modes,
-- instructions, phone country codes, comments with "special requests" and "Customer Complaints").
-- Random text is simpler than the specification's grammar. The result is the same for the same seed.
SELECT setseed(0.42);

CREATE TABLE region (r_regionkey integer NOT NULL, r_name char(25) NOT NULL, r_comment varchar(152));
CREATE TABLE nation (n_nationkey integer NOT NULL, n_name char(25) NOT NULL, n_regionkey integer NOT NULL,
  n_comment varchar(152));
CREATE TABLE part (p_partkey integer NOT NULL, p_name varchar(55) NOT NULL, p_mfgr char(25) NOT NULL,
  p_brand char(10) NOT NULL, p_type varchar(25) NOT NULL, p_size integer NOT NULL, p_container char(10) NOT NULL,
  p_retailprice decimal(15,2) NOT NULL, p_comment varchar(23) NOT NULL);
CREATE TABLE supplier (s_suppkey integer NOT NULL, s_name char(25) NOT NULL, s_address varchar(40) NOT NULL,
  s_nationkey integer NOT NULL, s_phone char(15) NOT NULL, s_acctbal decimal(15,2) NOT NULL,
  s_comment varchar(101) NOT NULL);
CREATE TABLE partsupp (ps_partkey integer NOT NULL, ps_suppkey integer NOT NULL, ps_availqty integer NOT NULL,
  ps_supplycost decimal(15,2) NOT NULL, ps_comment varchar(199) NOT NULL);
CREATE TABLE customer (c_custkey integer NOT NULL, c_name varchar(25) NOT NULL, c_address varchar(40) NOT NULL,
  c_nationkey integer NOT NULL, c_phone char(15) NOT NULL, c_acctbal decimal(15,2) NOT NULL,
  c_mktsegment char(10) NOT NULL, c_comment varchar(117) NOT NULL);
CREATE TABLE orders (o_orderkey integer NOT NULL, o_custkey integer NOT NULL, o_orderstatus char(1) NOT NULL,
  o_totalprice decimal(15,2) NOT NULL, o_orderdate date NOT NULL, o_orderpriority char(15) NOT NULL,
  o_clerk char(15) NOT NULL, o_shippriority integer NOT NULL, o_comment varchar(79) NOT NULL);
CREATE TABLE lineitem (l_orderkey integer NOT NULL, l_partkey integer NOT NULL, l_suppkey integer NOT NULL,
  l_linenumber integer NOT NULL, l_quantity decimal(15,2) NOT NULL, l_extendedprice decimal(15,2) NOT NULL,
  l_discount decimal(15,2) NOT NULL, l_tax decimal(15,2) NOT NULL, l_returnflag char(1) NOT NULL,
  l_linestatus char(1) NOT NULL, l_shipdate date NOT NULL, l_commitdate date NOT NULL,
  l_receiptdate date NOT NULL, l_shipinstruct char(25) NOT NULL, l_shipmode char(10) NOT NULL,
  l_comment varchar(44) NOT NULL);

-- Random words for comments, and the specification's word lists.
CREATE TEMP TABLE words AS SELECT * FROM unnest(string_to_array(
  'furiously carefully quickly slyly blithely fluffily regular final ironic pending express bold even silent '
  || 'unusual special requests deposits accounts packages instructions theodolites foxes pinto beans ideas '
  || 'dependencies platelets asymptotes courts dolphins sauternes warhorses excuses sheaves frets dugouts', ' '))
  WITH ORDINALITY AS w(word, n);
CREATE TEMP TABLE colors AS SELECT * FROM unnest(string_to_array(
  'almond antique aquamarine azure beige bisque black blanched blue blush brown burlywood burnished chartreuse '
  || 'chiffon chocolate coral cornflower cornsilk cream cyan dark deep dim dodger drab firebrick floral forest '
  || 'frosted gainsboro ghost goldenrod green grey honeydew hot indian ivory khaki lace lavender lawn lemon light '
  || 'lime linen magenta maroon medium metallic midnight mint misty moccasin navajo navy olive orange orchid pale '
  || 'papaya peach peru pink plum powder puff purple red rose rosy royal saddle salmon sandy seashell sienna sky '
  || 'slate smoke snow spring steel tan thistle tomato turquoise violet wheat white yellow', ' '))
  WITH ORDINALITY AS c(color, n);

CREATE FUNCTION pg_temp.pick(items text[]) RETURNS text LANGUAGE sql AS
  $$ SELECT items[1 + floor(random() * array_length(items, 1))::int] $$;
CREATE FUNCTION pg_temp.text_of(len int) RETURNS text LANGUAGE sql AS
  $$ SELECT left(string_agg(word, ' '), len) FROM (SELECT word FROM words ORDER BY random() LIMIT 8) w $$;
CREATE FUNCTION pg_temp.phone(nation int) RETURNS text LANGUAGE sql AS
  $$ SELECT (nation + 10) || '-' || (100 + floor(random() * 900))::int || '-' || (100 + floor(random() * 900))::int
       || '-' || (1000 + floor(random() * 9000))::int $$;

INSERT INTO region VALUES (0, 'AFRICA', 'special deposits'), (1, 'AMERICA', 'even accounts'),
  (2, 'ASIA', 'ironic packages'), (3, 'EUROPE', 'final ideas'), (4, 'MIDDLE EAST', 'silent foxes');
INSERT INTO nation VALUES (0, 'ALGERIA', 0, ''), (1, 'ARGENTINA', 1, ''), (2, 'BRAZIL', 1, ''), (3, 'CANADA', 1, ''),
  (4, 'EGYPT', 4, ''), (5, 'ETHIOPIA', 0, ''), (6, 'FRANCE', 3, ''), (7, 'GERMANY', 3, ''), (8, 'INDIA', 2, ''),
  (9, 'INDONESIA', 2, ''), (10, 'IRAN', 4, ''), (11, 'IRAQ', 4, ''), (12, 'JAPAN', 2, ''), (13, 'JORDAN', 4, ''),
  (14, 'KENYA', 0, ''), (15, 'MOROCCO', 0, ''), (16, 'MOZAMBIQUE', 0, ''), (17, 'PERU', 1, ''), (18, 'CHINA', 2, ''),
  (19, 'ROMANIA', 3, ''), (20, 'SAUDI ARABIA', 4, ''), (21, 'VIETNAM', 2, ''), (22, 'RUSSIA', 3, ''),
  (23, 'UNITED KINGDOM', 3, ''), (24, 'UNITED STATES', 1, '');

INSERT INTO supplier
SELECT k, 'Supplier#' || lpad(k::text, 9, '0'), md5(k::text), n, pg_temp.phone(n),
  round((-999.99 + random() * 10999.98)::numeric, 2),
  -- the specification puts "Customer ... Complaints" (and "Recommends") into 5 per 10,000 comments each
  CASE WHEN random() < 0.0005 THEN 'carefully Customer slyly Complaints' ELSE pg_temp.text_of(60) END
FROM (SELECT k, floor(random() * 25)::int AS n FROM generate_series(1, (10000 * ${sf})::int) k) s;

INSERT INTO part
SELECT k, (SELECT string_agg(color, ' ') FROM (SELECT color FROM colors ORDER BY random() + k * 0 LIMIT 5) c),
  'Manufacturer#' || m, 'Brand#' || m || (1 + floor(random() * 5))::int,
  pg_temp.pick('{STANDARD,SMALL,MEDIUM,LARGE,ECONOMY,PROMO}') || ' '
    || pg_temp.pick('{ANODIZED,BURNISHED,PLATED,POLISHED,BRUSHED}') || ' '
    || pg_temp.pick('{TIN,NICKEL,BRASS,STEEL,COPPER}'),
  1 + floor(random() * 50)::int,
  pg_temp.pick('{SM,LG,MED,JUMBO,WRAP}') || ' ' || pg_temp.pick('{CASE,BOX,BAG,JAR,PKG,PACK,CAN,DRUM}'),
  (90000 + ((k / 10) % 20001) + 100 * (k % 1000)) / 100.0, pg_temp.text_of(20)
FROM (SELECT k, 1 + floor(random() * 5)::int AS m FROM generate_series(1, (200000 * ${sf})::int) k) p;

INSERT INTO partsupp
SELECT p.p_partkey, (p.p_partkey + i * (s.n / 4 + (p.p_partkey - 1) / s.n)) % s.n + 1,
  1 + floor(random() * 9999)::int, round((1 + random() * 999)::numeric, 2), pg_temp.text_of(120)
FROM part p CROSS JOIN generate_series(0, 3) i CROSS JOIN (SELECT count(*)::int AS n FROM supplier) s;

INSERT INTO customer
SELECT k, 'Customer#' || lpad(k::text, 9, '0'), md5(k::text), n, pg_temp.phone(n),
  round((-999.99 + random() * 10999.98)::numeric, 2),
  pg_temp.pick('{AUTOMOBILE,BUILDING,FURNITURE,MACHINERY,HOUSEHOLD}'), pg_temp.text_of(80)
FROM (SELECT k, floor(random() * 25)::int AS n FROM generate_series(1, (150000 * ${sf})::int) k) c;

-- Order keys are sparse (8 used in every 32), and a third of the customers never order.
INSERT INTO orders
SELECT ((i - 1) / 8) * 32 + (i - 1) % 8 + 1,
  1 + floor(random() * (150000 * ${sf}))::int,
  'O', 0, DATE '1992-01-01' + floor(random() * (DATE '1998-08-02' - DATE '1992-01-01' + 1))::int,
  pg_temp.pick('{1-URGENT,2-HIGH,3-MEDIUM,4-NOT SPECIFIED,5-LOW}'),
  'Clerk#' || lpad((1 + floor(random() * 1000 * ${sf}))::int::text, 9, '0'), 0,
  CASE WHEN random() < 0.01 THEN 'slyly special packages wake requests' ELSE pg_temp.text_of(50) END
FROM generate_series(1, (1500000 * ${sf})::int) i;
UPDATE orders SET o_custkey = o_custkey - 1 WHERE o_custkey % 3 = 0;

INSERT INTO lineitem
SELECT o.o_orderkey, l.partkey,
  (l.partkey + l.supp * ((SELECT count(*) FROM supplier)::int / 4 + (l.partkey - 1)
    / (SELECT count(*) FROM supplier)::int)) % (SELECT count(*) FROM supplier)::int + 1,
  l.n, l.quantity, l.quantity * p.p_retailprice, round((floor(random() * 11) / 100)::numeric, 2),
  round((floor(random() * 9) / 100)::numeric, 2),
  CASE WHEN l.ship + l.receipt <= DATE '1995-06-17' THEN pg_temp.pick('{R,A}') ELSE 'N' END,
  CASE WHEN l.ship > DATE '1995-06-17' THEN 'O' ELSE 'F' END,
  l.ship, o.o_orderdate + 30 + floor(random() * 61)::int, l.ship + l.receipt,
  pg_temp.pick('{DELIVER IN PERSON,COLLECT COD,NONE,TAKE BACK RETURN}'),
  pg_temp.pick('{REG AIR,AIR,RAIL,SHIP,TRUCK,MAIL,FOB}'), pg_temp.text_of(30)
FROM orders o
CROSS JOIN LATERAL (
  SELECT n, 1 + floor(random() * (200000 * ${sf}))::int + o.o_orderkey * 0 AS partkey,
    floor(random() * 4)::int AS supp, (1 + floor(random() * 50))::numeric AS quantity,
    o.o_orderdate + 1 + floor(random() * 121)::int AS ship, 1 + floor(random() * 30)::int AS receipt
  FROM generate_series(1, 1 + floor(random() * 7)::int + o.o_orderkey * 0) n) l
JOIN part p ON p.p_partkey = l.partkey;

-- An order is F when all its lines are, O when all are O, P otherwise; its total is the sum of its lines.
UPDATE orders o SET o_orderstatus = t.status, o_totalprice = t.total
FROM (SELECT l_orderkey, CASE WHEN bool_and(l_linestatus = 'F') THEN 'F' WHEN bool_and(l_linestatus = 'O')
    THEN 'O' ELSE 'P' END AS status,
    round(sum(l_extendedprice * (1 + l_tax) * (1 - l_discount)), 2) AS total
  FROM lineitem GROUP BY l_orderkey) t
WHERE o.o_orderkey = t.l_orderkey;

-- Only the primary keys, as a TPC-H database starts: the indexes are what is being chosen.
ALTER TABLE region ADD PRIMARY KEY (r_regionkey);
ALTER TABLE nation ADD PRIMARY KEY (n_nationkey);
ALTER TABLE part ADD PRIMARY KEY (p_partkey);
ALTER TABLE supplier ADD PRIMARY KEY (s_suppkey);
ALTER TABLE partsupp ADD PRIMARY KEY (ps_partkey, ps_suppkey);
ALTER TABLE customer ADD PRIMARY KEY (c_custkey);
ALTER TABLE orders ADD PRIMARY KEY (o_orderkey);
ALTER TABLE lineitem ADD PRIMARY KEY (l_orderkey, l_linenumber);
-- (VACUUM ANALYZE follows, outside the transaction this script runs in)
