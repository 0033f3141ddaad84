-- A made-up CRM that keeps its firms, customers and listings under German names: the example of docs/catalog.md.
-- The operator's own tables; datadump only reads them.
CREATE SCHEMA immo;
CREATE TABLE immo.firma (
    firma_nr    integer PRIMARY KEY,
    firmenname  text    NOT NULL,
    zeitzone    text    NULL
);
-- custom fields: one row per firm, object and field; the values sit in a jsonb column of the object's table
CREATE TABLE immo.feld (
    firma_nr     integer NOT NULL REFERENCES immo.firma,
    objekt       text    NOT NULL,
    feldname     text    NOT NULL,
    feldtyp      text    NOT NULL,
    reihenfolge  integer NOT NULL,
    bezeichnung  text    NULL,
    PRIMARY KEY (firma_nr, objekt, feldname)
);
CREATE TABLE immo.kunde (
    kunde_nr     bigint    PRIMARY KEY,
    firma_nr     integer   NOT NULL REFERENCES immo.firma,
    vorname      text      NULL,
    nachname     text      NOT NULL,
    email        text      NULL,
    angelegt_am  timestamp NOT NULL,
    zusatz       jsonb     NOT NULL DEFAULT '{}'
);
CREATE INDEX kunde_firma_idx ON immo.kunde (firma_nr, kunde_nr);
CREATE TABLE immo.objekt (
    objekt_nr  bigint        PRIMARY KEY,
    firma_nr   integer       NOT NULL REFERENCES immo.firma,
    titel      text          NOT NULL,
    kaufpreis  numeric(12,2) NULL,
    zimmer     numeric(4,1)  NULL,
    merkmale   text[]        NOT NULL DEFAULT '{}',
    kunde_nr   bigint        NULL REFERENCES immo.kunde,
    frei_ab    date          NULL
);
CREATE INDEX objekt_firma_idx ON immo.objekt (firma_nr, objekt_nr);

INSERT INTO immo.firma VALUES (1, 'Maklerei Nord GmbH', 'Europe/Berlin'), (2, 'Alpen Immobilien AG', 'Europe/Vienna');
INSERT INTO immo.feld VALUES
    (1, 'kunde', 'budget', 'number', 1, 'Budget'),
    (1, 'kunde', 'newsletter', 'boolean', 2, 'Newsletter'),
    (2, 'kunde', 'quelle', 'string', 1, 'Quelle');
INSERT INTO immo.kunde VALUES
    (101, 1, 'Max', 'Mustermann', 'max@example.com', '2024-03-01 09:30:00', '{"budget": 450000, "newsletter": true}'),
    (102, 1, NULL, 'Schmidt', NULL, '2024-03-02 10:00:00.5', '{}'),
    (201, 2, 'Anna', 'Berger', 'anna@example.at', '2024-04-01 08:00:00', '{"quelle": "Messe"}');
INSERT INTO immo.objekt VALUES
    (11, 1, 'Altbau mit Balkon', 450000.00, 3.5, '{Balkon,Aufzug}', 101, '2024-06-01'),
    (12, 1, 'Baugrundstück', NULL, NULL, '{}', NULL, NULL),
    (21, 2, 'Chalet am See', 1250000.00, 6.0, '{Sauna}', 201, '2024-12-01');
