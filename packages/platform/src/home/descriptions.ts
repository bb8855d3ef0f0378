import { FAVICONS } from '@account-access/kit';
import { hostedPage, type RouteDescriptions } from '../http/describe.js';

const file = (summary: string, type: string) => ({
  summary,
  tags: ['operations'] as ['operations'],
  response: { 200: { description: summary, content: { [type]: { schema: { type: 'string' } } } } },
});

/** The landing page, the contract as a page, the icons and the hosted pages' one script. */
export const HOME_DESCRIPTIONS: RouteDescriptions = {
  'GET /': {
    summary: 'What runs here and where to go next',
    tags: ['hosted pages'],
    response: hostedPage('The landing page.'),
  },
  'GET /docs/contract': {
    summary: 'The wire contract (docs/wise-contract.md) as a page',
    tags: ['hosted pages'],
    response: hostedPage('The contract.'),
  },
  'GET /assets/local-time.js': file(
    'The hosted pages’ one script: times in the reader’s zone',
    'text/javascript',
  ),
  ...Object.fromEntries(
    Object.entries(FAVICONS).map(([path, icon]) => [
      `GET ${path}`,
      file(`The icon (${path.slice(1)})`, icon.type),
    ]),
  ),
};
