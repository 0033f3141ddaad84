-- Whether a converted file was asked for (an API request or a delivery), or only made ahead: for a dump's publication
-- (DATADUMP_PRECOMPUTE_FORMATS) or because the dump before had it asked for. Only what was asked for of a dump is made
-- ahead for the next one; before, a file made ahead counted as asked for, so every conversion an operator had once
-- made ahead, and every one a tool had fetched once, was made for every dump after it, for good.
ALTER TABLE dump_representations ADD COLUMN requested boolean NOT NULL DEFAULT true;
ALTER TABLE dump_representations ALTER COLUMN requested DROP DEFAULT;
