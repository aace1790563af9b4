// The workers tests get a stand-in of their own (API at VTAX_TEST_PORT_BASE + 20, DB + 21): the workers process
// they start turns every due deadline in its database into a transition, which would race the db tests that arrange
// due items on purpose (tests/db/workers-rpc.test.ts) if they shared one.
import type { TestProject } from 'vitest/node';
import { setupAt } from './global-setup';
import { TEST_PORT_BASE } from './ports';

export default async function setup(project: TestProject) {
  return setupAt(project, TEST_PORT_BASE + 20);
}
