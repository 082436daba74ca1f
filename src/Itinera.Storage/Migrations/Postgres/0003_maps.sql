-- Map data shared by every user: roads and points of interest of imported OSM extracts, by 0.1° tile
-- (Itinera.Core.Maps.MapTiles). Reference data, not user data: in a sharded deployment these tables are
-- replicated to every node rather than distributed by user.
CREATE TABLE map_imports (
    import_id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source TEXT NOT NULL,
    imported_at BIGINT NOT NULL,
    min_latitude DOUBLE PRECISION NOT NULL,
    min_longitude DOUBLE PRECISION NOT NULL,
    max_latitude DOUBLE PRECISION NOT NULL,
    max_longitude DOUBLE PRECISION NOT NULL,
    country_code TEXT,
    road_count INTEGER NOT NULL,
    poi_count INTEGER NOT NULL
);

CREATE TABLE map_roads (
    tile_key BIGINT NOT NULL,
    way_id BIGINT NOT NULL,
    highway TEXT NOT NULL,
    speed_limit_kmh INTEGER,
    speed_limit_source SMALLINT NOT NULL,
    oneway SMALLINT NOT NULL,
    name TEXT,
    geometry BYTEA NOT NULL,
    PRIMARY KEY (tile_key, way_id)
);

CREATE TABLE map_pois (
    tile_key BIGINT NOT NULL,
    poi_id TEXT NOT NULL,
    latitude DOUBLE PRECISION NOT NULL,
    longitude DOUBLE PRECISION NOT NULL,
    name TEXT,
    categories TEXT NOT NULL,
    PRIMARY KEY (tile_key, poi_id)
);
