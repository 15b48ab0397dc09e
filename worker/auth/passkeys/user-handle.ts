import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../app.ts';
import { people } from '../../../schema/index.ts';
import { randomToken } from '../crypto.ts';

/**
 * Returns the person's WebAuthn user handle, creating a random one on first use. The handle is
 * never the email or the person id: authenticators store it and may show or sync it, so it must
 * say nothing about the person.
 */
export async function webauthnUserId(db: Db, personId: string): Promise<string> {
  const [existing] = await db
    .select({ webauthnUserId: people.webauthnUserId })
    .from(people)
    .where(eq(people.id, personId));
  if (existing?.webauthnUserId) return existing.webauthnUserId;

  // The condition keeps a handle that a parallel request has just written.
  await db
    .update(people)
    .set({ webauthnUserId: randomToken(32) })
    .where(and(eq(people.id, personId), isNull(people.webauthnUserId)));
  const [created] = await db
    .select({ webauthnUserId: people.webauthnUserId })
    .from(people)
    .where(eq(people.id, personId));
  if (!created?.webauthnUserId) throw new Error(`person ${personId} not found`);
  return created.webauthnUserId;
}
