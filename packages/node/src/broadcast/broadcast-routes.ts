import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { BroadcastRequestError, type Broadcaster } from './broadcaster.js';

/*
 * The broadcaster's HTTP routes, with the original transaction-broadcaster's paths and bodies
 * (blockstack.js network.ts broadcastTransaction / broadcastZoneFile / broadcastNameRegistration):
 * 202 `{"status": true, "message": ...}` when queued or sent; 409 `{"status": false, "message": ...}`
 * when the request cannot be carried out; 400 when the body is not what the route expects.
 */

const txid = { type: 'string', pattern: '^[0-9a-fA-F]{64}$' } as const;
const rawTransaction = { type: 'string', minLength: 2, maxLength: 200_000 } as const;
const zoneFile = { type: 'string', minLength: 1, maxLength: 40_960 } as const;
const confirmations = { type: 'integer', minimum: 0, maximum: 10 } as const;

function refuse(reply: FastifyReply, request: { log: { warn(o: object, m: string): void } }, error: unknown, message: string): FastifyReply {
  request.log.warn({ err: error }, message);
  const detail = error instanceof BroadcastRequestError ? `: ${error.message}` : '';
  return reply.code(409).send({ status: false, message: `${message}${detail}` });
}

export function broadcastRoutes(broadcaster: Broadcaster): FastifyPluginAsync {
  return async (app) => {
    app.post<{ Body: { transaction: string; transactionToWatch?: string | null; confirmations?: number } }>(
      '/v1/broadcast/transaction',
      {
        schema: {
          summary: 'Send a transaction now, or once another has some confirmations',
          body: { type: 'object', required: ['transaction'], properties: { transaction: rawTransaction, transactionToWatch: { anyOf: [txid, { type: 'null' }] }, confirmations } },
        },
      },
      async (request, reply) => {
        const { transaction, transactionToWatch, confirmations: wanted } = request.body;
        try {
          const TxHash =
            wanted === 0 || transactionToWatch === undefined || transactionToWatch === null
              ? await broadcaster.broadcastNow(transaction)
              : broadcaster.queueTransaction(transaction, transactionToWatch.toLowerCase(), wanted ?? broadcaster.defaultConfirmations);
          return reply.code(202).send({ status: true, message: 'Transaction queued for broadcast.', TxHash });
        } catch (error) {
          return refuse(reply, request, error, 'Error queueing the given transaction for broadcast.');
        }
      },
    );

    app.post<{ Body: { zoneFile: string; transactionToWatch: string } }>(
      '/v1/broadcast/zone-file',
      {
        schema: {
          summary: 'Store a zone file once a transaction (its register or update) confirms',
          body: { type: 'object', required: ['zoneFile', 'transactionToWatch'], properties: { zoneFile, transactionToWatch: txid } },
        },
      },
      async (request, reply) => {
        try {
          broadcaster.queueZonefile(request.body.zoneFile, request.body.transactionToWatch.toLowerCase());
          return reply.code(202).send({ status: true, message: 'Zonefile queued for broadcast once announced.' });
        } catch (error) {
          return refuse(reply, request, error, 'Error queueing the given zonefile for broadcast.');
        }
      },
    );

    app.post<{ Body: { preorderTransaction: string; registerTransaction: string; zoneFile: string; confirmations?: number } }>(
      '/v1/broadcast/registration',
      {
        schema: {
          summary: 'Preorder now, register after the preorder confirms, zone file after the register confirms',
          body: {
            type: 'object',
            required: ['preorderTransaction', 'registerTransaction', 'zoneFile'],
            properties: { preorderTransaction: rawTransaction, registerTransaction: rawTransaction, zoneFile, confirmations: { ...confirmations, minimum: 1 } },
          },
        },
      },
      async (request, reply) => {
        const body = request.body;
        try {
          const { preorderTxid, registerTxid } = await broadcaster.registration(body.preorderTransaction, body.registerTransaction, body.zoneFile, body.confirmations ?? broadcaster.defaultConfirmations);
          return reply.code(202).send({ status: true, message: 'Preorder and Register queued for broadcast.', preorderTxHash: preorderTxid, registerTxHash: registerTxid });
        } catch (error) {
          return refuse(reply, request, error, 'Error queueing the given transaction for broadcast.');
        }
      },
    );
  };
}
