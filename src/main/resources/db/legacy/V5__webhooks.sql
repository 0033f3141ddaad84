-- An account may register a URL that receives a signed POST whenever one of its dumps is published.
ALTER TABLE accounts ADD COLUMN webhook_url text NULL;
ALTER TABLE accounts ADD COLUMN webhook_secret text NULL;
