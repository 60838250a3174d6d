import { deploy } from "./src/deploy";
import { loadProgramInputs } from "./src/program-inputs";

// Stack config and tenant files, validated together once: any problem stops the program before one
// resource. Then the components of what they say (src/deploy.ts).
export = async () => deploy(loadProgramInputs());
