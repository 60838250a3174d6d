export interface AnomalyMonitorGroup<T extends { name: string }> {
  /** Stable monitor name: the tenant's own name, or `tenants-<bucket>` once tenants are grouped. */
  name: string;
  tenants: T[];
}

/**
 * Cost Anomaly Detection allows 500 custom monitors per payer account. Up to `maxMonitors`
 * tenants each get their own monitor; past that, tenants share monitors, assigned to a bucket
 * by a hash of their name so that adding or removing a tenant never moves the others (a moved
 * tenant would lose its anomaly history). A shared monitor alerts each of its tenants about the
 * group's anomalies: the price of staying under the quota.
 */
export function anomalyMonitorGroups<T extends { name: string }>(
  tenants: readonly T[],
  maxMonitors: number,
): AnomalyMonitorGroup<T>[] {
  if (tenants.length <= maxMonitors)
    return tenants.map((tenant) => ({ name: tenant.name, tenants: [tenant] }));
  const buckets = new Map<number, T[]>();
  for (const tenant of tenants) {
    const bucket = stableHash(tenant.name) % maxMonitors;
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), tenant]);
  }
  return [...buckets.entries()]
    .sort(([a], [b]) => a - b)
    .map(([bucket, members]) => ({ name: `tenants-${String(bucket).padStart(3, "0")}`, tenants: members }));
}

/** FNV-1a: small, stable across Node versions and runs. */
function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
