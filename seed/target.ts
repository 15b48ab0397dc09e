/** The database a seed run would fill, as wrangler.toml and the shell describe it. */
export interface SeedTarget {
  /** database_name of the DB binding in wrangler.toml. */
  databaseName: string;
  /** ENVIRONMENT from the [vars] of wrangler.toml, if set. */
  configEnvironment: string | undefined;
  /** ENVIRONMENT from the shell that runs the seeder, if set. */
  shellEnvironment: string | undefined;
}

/**
 * Returns why seeding this target is rejected, or null when it may be seeded. Synthetic rows
 * must never reach production, where they would mix with real patients, so a production
 * ENVIRONMENT in the shell or in wrangler.toml, or a database name containing "prod" (any
 * case), is rejected.
 */
export function productionRejection(target: SeedTarget): string | null {
  if (target.shellEnvironment === 'production') {
    return 'ENVIRONMENT is "production". The seeder only writes to development and staging databases.';
  }
  if (target.configEnvironment === 'production') {
    return 'wrangler.toml sets ENVIRONMENT = "production". The seeder only writes to development and staging databases.';
  }
  if (/prod/i.test(target.databaseName)) {
    return `the database name "${target.databaseName}" in wrangler.toml looks like a production database.`;
  }
  return null;
}
