/** FNV-1a's 32-bit offset basis and prime (http://www.isthe.com/chongo/tech/comp/fnv/). */
const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const encoder = new TextEncoder();

/**
 * A tenant id's 32-bit hash (docs/snapshot.md#shards): FNV-1a over the UTF-8 bytes of the id,
 * trimmed and lower-cased, then MurmurHash3's finaliser so that every bit of the result depends
 * on every byte (`% N` then spreads structured ids evenly, not only random GUIDs). Integer
 * arithmetic only: the same on every machine and Node.js version.
 */
export function hashTenantId(tenantId: string): number {
  return finalise(fnv1a32(encoder.encode(normaliseTenantId(tenantId))));
}

/** 32-bit FNV-1a, as an unsigned number. */
export function fnv1a32(bytes: Uint8Array): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, FNV_PRIME);
  return hash >>> 0;
}

/** Tenant ids are GUIDs matched in any case (docs/snapshot.md): one spelling for each. */
export function normaliseTenantId(tenantId: string): string {
  return tenantId.trim().toLowerCase();
}

/** MurmurHash3's `fmix32`: an avalanche, as an unsigned 32-bit number. */
function finalise(value: number): number {
  let hash = value;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
