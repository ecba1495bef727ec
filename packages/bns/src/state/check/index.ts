import type { Outcome, RuleContext } from '../outcome.js';
import type { NamingTx } from '../types.js';
import { checkAnnounce } from './announce.js';
import { checkNameImport } from './name-import.js';
import { checkNamePreorder } from './name-preorder.js';
import { checkNameRegistration } from './name-registration.js';
import { checkNameRenewal } from './name-renewal.js';
import { checkNameRevoke } from './name-revoke.js';
import { checkNameTransfer } from './name-transfer.js';
import { checkNameUpdate } from './name-update.js';
import { checkNamespacePreorder } from './namespace-preorder.js';
import { checkNamespaceReady } from './namespace-ready.js';
import { checkNamespaceReveal } from './namespace-reveal.js';

/** The rules of bns.md §4, one per operation family. */
export function checkOperation(context: RuleContext, tx: NamingTx): Outcome {
  const operation = tx.operation;
  switch (operation.type) {
    case 'name-preorder':
      return checkNamePreorder(context, tx, operation);
    case 'name-registration':
      return checkNameRegistration(context, tx, operation);
    case 'name-renewal':
      return checkNameRenewal(context, tx, operation);
    case 'name-update':
      return checkNameUpdate(context, tx, operation);
    case 'name-transfer':
      return checkNameTransfer(context, tx, operation);
    case 'name-revoke':
      return checkNameRevoke(context, tx, operation);
    case 'name-import':
      return checkNameImport(context, tx, operation);
    case 'namespace-preorder':
      return checkNamespacePreorder(context, tx, operation);
    case 'namespace-reveal':
      return checkNamespaceReveal(context, tx, operation);
    case 'namespace-ready':
      return checkNamespaceReady(context, tx, operation);
    case 'announce':
      return checkAnnounce(context, tx, operation);
  }
}
