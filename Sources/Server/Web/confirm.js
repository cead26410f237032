// Irreversible acts are confirmed in a dialog that says what the act does and that it cannot be
// undone: a submission locks the self-assessment, a publication is final, a revoked key never signs
// again. One click must never do any of these by accident.
import { h } from './dom.js';
import { t } from './i18n.js';

/** Asks in a modal <dialog>; resolves true only when the person confirms. */
export function confirmIrreversible(title, consequence) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { id: 'confirm-dialog', class: 'confirm', 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title', text: title }),
      h('p', { id: 'confirm-consequence', text: consequence }),
      h('p', { class: 'irreversible', text: t('cannotUndo') }),
      h('form', { method: 'dialog', class: 'row' },
        h('button', { type: 'submit', value: 'cancel', class: 'secondary', id: 'confirm-cancel', text: t('confirmCancel') }),
        h('button', { type: 'submit', value: 'confirm', class: 'danger', id: 'confirm-go', text: t('confirmGo') })));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(dialog.returnValue === 'confirm');
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A form's submit handler for an irreversible act: asks first, then runs `run` (which shows the refusal or the new state). */
export function confirmed(title, consequence, run) {
  return async (event) => {
    event.preventDefault();
    if (await confirmIrreversible(title, consequence)) await run();
  };
}
