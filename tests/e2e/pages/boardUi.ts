import type { UiPage } from '../../support/ui/uiPage';

/** The stand-in LeanKit board page with the extension's button on it, in any browser. */
export class BoardUi {
  constructor(readonly ui: UiPage) {}

  /**
   * Waits until the button exports: while it still asks the background where it stands, "Export
   * report" shows disabled, without its menu, which comes in the same render as the enabled one.
   */
  async waitForExportButton(): Promise<void> {
    await this.ui.waitFor('button', 'More export options');
  }

  async exportCards(): Promise<void> {
    await this.waitForExportButton();
    await this.ui.click('button', 'Export report');
  }

  /** Exports this board with a saved preset, from the button's menu. */
  async exportWithPreset(name: string): Promise<void> {
    await this.ui.click('button', 'More export options');
    await this.ui.click('menuitem', `Export with preset: ${name}`);
  }

  /** Opens this board's Flow charts page (in a new tab), from the button's menu. */
  async openFlowCharts(): Promise<void> {
    await this.ui.click('button', 'More export options');
    await this.ui.click('menuitem', 'Flow charts');
  }

  async waitUntilDone(): Promise<void> {
    await this.ui.waitFor('button', 'Done — show file', { timeoutMs: 30_000 });
  }

  /** Switches boards the way LeanKit does: a link, pushState, no page load. */
  async goToBoard(title: string): Promise<void> {
    await this.ui.click('link', title);
    await this.ui.waitForText('heading', title);
  }
}
