/** Writes views/static/passkey.min.js and idle-warning.min.js from their sources in views/. */
export function buildAssets(): Promise<void>;
/** Rebuilds each bundle in views/static/ that is missing or older than its source. */
export function buildAssetsIfStale(): Promise<void>;
