using System.CommandLine;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Telemetry;

using var telemetry = CliTelemetry.StartFromEnvironment();
using var signals = new TerminationSignals(Console.Error);
var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null };
return await DocpipeRoot.Parse(args).InvokeAsync(configuration, signals.Token);
