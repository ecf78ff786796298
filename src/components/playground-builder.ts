/**
 * The playground's step builder: a form of who (a host, network or wait), verb and
 * arguments whose submit adds the step as a line at the end of the scenario's steps.
 */
import { t, type Lang } from '../i18n/index.ts';
import { appendStep, exampleArgs, NETWORK, stepText, verbsFor, WAIT } from './playground-steps.ts';

export class StepBuilder {
  private readonly form: HTMLFormElement;
  private readonly lang: Lang;

  /** `editor` gets the new text; `changed` runs it at once, without the typing debounce. */
  constructor(form: HTMLFormElement, lang: Lang, editor: HTMLTextAreaElement, changed: () => void) {
    this.form = form;
    this.lang = lang;
    this.select('who').addEventListener('change', () => this.fillVerbs());
    this.select('verb').addEventListener('change', () => this.describeVerb());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const who = this.select('who').value;
      const step = stepText(who, who === WAIT ? WAIT : this.select('verb').value, this.input('args').value);
      const added = appendStep(editor.value, step);
      const status = form.querySelector('.pg-builder-status');
      if (added === null) {
        if (status) status.textContent = t(lang, 'playground.builder.flow');
        return;
      }
      editor.value = added.text;
      changed();
      if (status) status.textContent = t(lang, 'playground.builder.added', { line: added.line, step });
    });
  }

  /** Offers the scenario's hosts (then network and wait), keeping the choice if it still exists. */
  setHosts(hosts: readonly string[]): void {
    const who = this.select('who');
    if (this.hosts().join(' ') === hosts.join(' ')) return;
    const chosen = who.value;
    for (const option of [...who.options]) if (!('fixed' in option.dataset)) option.remove();
    const first = who.options[0] ?? null;
    for (const host of hosts) who.insertBefore(new Option(host, host), first);
    who.value = [...who.options].some((o) => o.value === chosen) ? chosen : (hosts[0] ?? NETWORK);
    if (who.value !== chosen) this.fillVerbs();
  }

  private select(name: 'who' | 'verb'): HTMLSelectElement {
    return this.form.elements.namedItem(name) as HTMLSelectElement;
  }

  private input(name: 'args'): HTMLInputElement {
    return this.form.elements.namedItem(name) as HTMLInputElement;
  }

  private hosts(): string[] {
    return [...this.select('who').options].filter((o) => !('fixed' in o.dataset)).map((o) => o.value);
  }

  private fillVerbs(): void {
    const verbs = verbsFor(this.select('who').value);
    this.select('verb').replaceChildren(...verbs.map(({ verb }) => new Option(verb, verb)));
    this.describeVerb();
  }

  /** Shows how the verb is written and fills in arguments that make a valid step. */
  private describeVerb(): void {
    const who = this.select('who').value;
    const verb = this.select('verb').value;
    const usage = verbsFor(who).find((v) => v.verb === verb)?.usage ?? '';
    const hint = this.form.querySelector('.pg-usage');
    if (hint) hint.textContent = t(this.lang, 'playground.builder.usage', { usage });
    this.input('args').value = exampleArgs(verb, this.hosts(), who);
  }
}
