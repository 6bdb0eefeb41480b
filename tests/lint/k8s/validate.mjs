// ES module (kubernetes-models is one). Validates rendered Kubernetes objects (JSON arrays written by
// check_manifests.py) against the Kubernetes API schemas shipped by the
// kubernetes-models package (types, required fields, enums, formats such as
// quantities and ports). Usage: node validate.js FILE.json...
// Prints one line per file and "N passed, N failed"; exits 1 on any error.
import fs from "node:fs";
import path from "node:path";

async function modelFor(apiVersion, kind) {
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
    const dir = group ? `${group}/${version}` : version;
    if (!/^[a-z0-9.]+(\/[a-z0-9]+)?$/.test(dir) || !/^[A-Za-z]+$/.test(kind))
        throw new Error(`odd apiVersion/kind ${apiVersion} ${kind}`);
    let mod;
    try {
        mod = await import(`kubernetes-models/${dir}/${kind}`);
    } catch (e) {
        throw new Error(`no schema for ${apiVersion} ${kind} in kubernetes-models`);
    }
    return mod[kind];
}

let passed = 0, failed = 0;
for (const file of process.argv.slice(2)) {
    const objects = JSON.parse(fs.readFileSync(file, "utf8"));
    const errors = [];
    for (const obj of objects) {
        const what = `${obj.kind}/${obj.metadata && obj.metadata.name}`;
        try {
            const Model = await modelFor(obj.apiVersion, obj.kind);
            new Model(obj).validate();
        } catch (e) {
            errors.push(`${what}: ${e.message}`);
        }
    }
    const name = path.basename(file, ".json");
    if (errors.length) {
        failed++;
        console.log(`FAIL ${name}:`);
        for (const e of errors) console.log(`  ${e}`);
    } else {
        passed++;
        console.log(`ok   ${name}: ${objects.length} objects valid`);
    }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
