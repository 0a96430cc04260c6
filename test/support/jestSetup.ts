/**
 * Runs before every test file. The task pane tests wait for the pane to react (findBy..., waitFor);
 * testing-library's default of one second is too short when the two cores are busy with the rest of
 * the suite (LibreOffice, webpack), and a wait that times out under load is a flaky test, not a bug
 * found. The waits still end as soon as the pane has reacted.
 */
import { configure } from "@testing-library/dom";

configure({ asyncUtilTimeout: 15_000 });
