-- csv-excel now writes timestamps as "2024-07-06 19:03:02" (UTC) and booleans as WAHR/FALSCH, which German Excel reads
-- as date-times and booleans. Conversions made before are forgotten, so the next request makes them anew (under the
-- same storage key, which the new file replaces).
DELETE FROM datadump.dump_representations WHERE format = 'csv-excel';
