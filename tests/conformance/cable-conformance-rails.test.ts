// @vitest-environment node
/**
 * The shared cable scenarios against a real Rails ActionCable server (tests/fixtures/rails
 * under Puma). Without Puma or Rails these tests fail: they never skip.
 */
import { describeConformance } from './run-scenario';
import { railsTarget } from './targets';

describeConformance('real Rails ActionCable (puma)', railsTarget);
