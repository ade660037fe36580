/** What every route module is handed: the simulator's parts, shared, never copied. */
import type { CommunityActions } from './actions';
import type { CableServer } from './cable';
import type { SimConfig } from './config';
import type { Community } from './model';
import type { Records } from './records';
import type { TokenService } from './tokens';

export interface SimContext {
  config: SimConfig;
  community: Community;
  records: Records;
  actions: CommunityActions;
  tokens: TokenService;
  cable: CableServer;
}
