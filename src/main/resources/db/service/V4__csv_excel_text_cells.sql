-- csv-excel now hands Excel every text that starts with = + - @, tab or CR as text (a leading '), and quotes every
-- text field (CSV injection). Conversions made before are forgotten, so the next request makes them anew (under the
-- same storage key, which the new file replaces) instead of serving live formulas from the cache.
DELETE FROM datadump.dump_representations WHERE format = 'csv-excel';
