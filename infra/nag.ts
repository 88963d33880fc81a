/**
 * cdk-nag (v3) as CDK policy-validation plugins: any unacknowledged finding, error or warning,
 * fails `cdk synth`. Acknowledgements live beside the resource they concern, each with its reason.
 */
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks, type NagPack } from 'cdk-nag';

/** The packs Despatch must pass, as DESIGN.md says. */
export function nagPacks(app?: App): NagPack[] {
  return [new AwsSolutionsChecks(app, { verbose: true }), new ServerlessChecks(app, { verbose: true })];
}

/** Runs the packs at synth time. cdk-nag 3 is a validation plugin, no longer an Aspect. */
export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(...nagPacks(app));
}
