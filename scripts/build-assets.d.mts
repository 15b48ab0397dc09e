/** Writes views/static/passkey.min.js from views/passkey.ts. */
export function buildAssets(): Promise<void>;
/** Writes views/static/passkey.min.js when it is missing or older than views/passkey.ts. */
export function buildAssetsIfStale(): Promise<void>;
