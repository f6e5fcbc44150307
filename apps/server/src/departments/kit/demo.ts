import type { RegisteredPerson } from '../population-register/contract.js';
import { DEMO_PEOPLE } from '../population-register/generator.js';

/** A demo person of the README by name (张伟, 刘芳, 张梓轩, 张建国, 王秀英, 李娜, 陈志强, 刘洋, 陈嘉欣, 周桂兰). */
export function demoPerson(name: string): RegisteredPerson {
  const found = DEMO_PEOPLE.find((p) => p.name === name);
  if (!found) throw new Error(`no demo person ${name}`);
  const { note: _note, ...person } = found;
  return person;
}

const DEMO_IDS = new Set(DEMO_PEOPLE.map((p) => p.personId));

/** Demo people get hand-picked records (or none), never generated ones. */
export function isDemoPerson(person: RegisteredPerson): boolean {
  return DEMO_IDS.has(person.personId);
}
