// placeholder, replaced below
export async function runResultsPanelScenario() { return false; }
