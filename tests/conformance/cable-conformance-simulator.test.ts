// @vitest-environment node
/** The shared cable scenarios against the simulator, in Rails 6.1 compat like the reference server. */
import { describeConformance } from './run-scenario';
import { simulatorTarget } from './targets';

describeConformance('simulator', () => simulatorTarget());
