import { initContract } from '@ts-rest/core';
import { activityContract } from './activity-contract.js';
import { analystContract } from './analyst-contract.js';
import { identityContract } from './identity-contract.js';
import { insightsContract } from './insights-contract.js';
import { queryContract } from './query-contract.js';
import { viewsContract } from './views-contract.js';

const c = initContract();

/** The whole public REST contract of the gateway. */
export const restContract = c.router({
  identity: identityContract,
  activity: activityContract,
  views: viewsContract,
  insights: insightsContract,
  query: queryContract,
  analyst: analystContract,
});
export type RestContract = typeof restContract;
