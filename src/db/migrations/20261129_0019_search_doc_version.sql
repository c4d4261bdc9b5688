-- The search document of a catalog version (§27) is derived data, built in code (src/domain/search/terms.ts):
-- when the rules of what it holds change, versions built by older rules are rebuilt at the next start
-- (rebuildSearchDocs in src/modules/catalog/store.ts). Rows existing now were built by the first rules:
-- the provider's full name only, so a department's short name (市发展改革委) and abbreviation (发改委) found nothing.

ALTER TABLE catalog_entry_version ADD COLUMN search_version integer NOT NULL DEFAULT 1;
COMMENT ON COLUMN catalog_entry_version.search_version IS 'version of the indexing rules that built search_doc; older ones are rebuilt at start';
CREATE INDEX catalog_entry_version_search_version ON catalog_entry_version (search_version);
