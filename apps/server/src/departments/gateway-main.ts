import type { Config } from '../config.js';
import type { Db } from '../db/database.js';
import { buildDepartmentGateway, type Fault, type GatewayDepartment } from './framework/gateway.js';
import { DEPARTMENTS, type SandboxDepartment } from './registry.js';

/** DEPT_GATEWAY_KEYS: "keyId:base64key,keyId2:base64key2" → key map; every key at least 32 bytes. */
export function parseGatewayKeys(text: string | undefined): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const pair of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const at = pair.indexOf(':');
    const id = pair.slice(0, at);
    const key = Buffer.from(pair.slice(at + 1), 'base64');
    if (at < 1 || key.length < 32)
      throw new Error(`DEPT_GATEWAY_KEYS: "${id || pair}" needs keyId:base64 of ≥ 32 bytes`);
    keys.set(id, key);
  }
  if (keys.size === 0) throw new Error('DEPT_GATEWAY_KEYS is required: the callers allowed to call the departments');
  return keys;
}

/**
 * DEPT_GATEWAY_FAULTS (chaos drills and the outage benchmark): "department:hang", "department:slow:800",
 * "department:fail[:status]", "department:garbage", comma-separated.
 */
export function parseGatewayFaults(text: string | undefined): Map<string, Fault> {
  const faults = new Map<string, Fault>();
  for (const item of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [department, mode, arg] = item.split(':');
    if (!department) continue;
    if (mode === 'hang' || mode === 'garbage') faults.set(department, { mode });
    else if (mode === 'slow') faults.set(department, { mode, delayMs: Number(arg ?? 1000) });
    else if (mode === 'fail') faults.set(department, { mode, status: Number(arg ?? 503) });
    else throw new Error(`DEPT_GATEWAY_FAULTS: unknown fault "${item}"`);
  }
  return faults;
}

/** Every sandbox department behind one gateway (the `dept-gateway` command). */
export function sandboxGatewayDepartments(db: Db): GatewayDepartment[] {
  return Object.values(DEPARTMENTS).map((d) => {
    const department = d as SandboxDepartment;
    return { spec: department.spec, impl: department.sandbox(db) };
  });
}

export async function startDepartmentGateway(config: Config, db: Db, env: NodeJS.ProcessEnv = process.env) {
  const keys = parseGatewayKeys(env.DEPT_GATEWAY_KEYS);
  const port = Number(env.DEPT_GATEWAY_PORT ?? 3100);
  const faults = parseGatewayFaults(env.DEPT_GATEWAY_FAULTS);
  const app = await buildDepartmentGateway({
    departments: sandboxGatewayDepartments(db),
    keys,
    faults,
    logger: { level: config.logLevel },
  });
  if (faults.size > 0) app.log.warn({ faults: [...faults.keys()] }, 'fault injection is on (DEPT_GATEWAY_FAULTS)');
  await app.listen({ port, host: config.host });
  return app;
}
