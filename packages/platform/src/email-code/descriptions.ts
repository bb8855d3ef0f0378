import { hostedPage, object, type RouteDescriptions } from '../http/describe.js';

/** Contract §6: the link of the email an emailed-code authorization sends. */
export const EMAIL_CODE_DESCRIPTIONS: RouteDescriptions = {
  'GET /oauth/email-code/:token': {
    summary: 'Open an emailed link: the authorization continues in this browser',
    tags: ['hosted pages'],
    params: object(
      {
        token: {
          type: 'string',
          description: 'the single-use token of the email',
          examples: ['q2V9xJ0bL7mZs4Kc8fTn1wRd5yHa3uEo6iGp0NvBkXg'],
        },
      },
      ['token'],
    ),
    response: hostedPage(
      'A page saying the link was used or is no longer valid.',
      'The authorization’s pages.',
    ),
  },
};
