// node --import k6/test/k6-hooks.mjs ...: lets node load the k6 scripts for the self-test. 'k6', 'k6/http',
// 'k6/metrics' and 'k6/execution' resolve to the stubs in k6-stubs/, and the scripts' .js files load as ES modules
// (there is no package.json to say so, on purpose).
import { register } from 'node:module';

register('./k6-loader.mjs', import.meta.url);
