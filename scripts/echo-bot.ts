/** The baseline for `npm run bench`: the smallest bot on the same stack (express + SDK middleware + reply). */
import { messagingApi, middleware, type webhook } from '@line/bot-sdk';
import express from 'express';

const channelSecret = process.env.LINE_CHANNEL_SECRET ?? '';
const client = new messagingApi.MessagingApiClient({
  channelAccessToken: process.env.LINE_CHANNEL_ACCESS_TOKEN ?? '',
  baseURL: process.env.LINE_API_BASE_URL,
});
const app = express();
app.get('/healthz', (_req, res) => {
  res.sendStatus(200);
});
app.post('/webhook', middleware({ channelSecret }), (req, res) => {
  res.sendStatus(200);
  for (const event of (req.body as webhook.CallbackRequest).events) {
    if (event.type === 'message' && event.message.type === 'text') {
      void client.replyMessage({
        replyToken: event.replyToken!,
        messages: [{ type: 'text', text: event.message.text }],
      });
    }
  }
});
app.listen(Number(process.env.PORT ?? 3001));
// Exiting on SIGTERM (rather than dying of it) lets `--cpu-prof` write the profile.
process.on('SIGTERM', () => process.exit(0));
