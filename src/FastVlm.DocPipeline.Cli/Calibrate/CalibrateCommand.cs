using System.CommandLine;
using System.Runtime.CompilerServices;
using FastVlm.DocPipeline.Cli.Commands;
using FastVlm.DocPipeline.Cli.Extract;
using FastVlm.DocPipeline.Contracts.Ports;
using FastVlm.DocPipeline.Contracts.Records;
using FastVlm.DocPipeline.Extraction;
using FastVlm.DocPipeline.Extraction.Calibration;
using FastVlm.DocPipeline.Storage.Cosmos;
using FastVlm.DocPipeline.Storage.Files;

namespace FastVlm.DocPipeline.Cli.Calibrate;

/// <summary>
/// <c>docpipe calibrate --schema invoice [--target 0.99] [--write-schema FILE] [--plot FILE.svg]</c>: what reviewers' decisions say about the
/// model's confidence, per field: how often its answer was kept, a reliability table, and the threshold above which
/// answers reach the target precision.
/// </summary>
internal static class CalibrateCommand
{
    public static Command Create()
    {
        var schema = new Option<string>("--schema") { Description = $"Schema JSON file, or a built-in schema: {string.Join(", ", EmbeddedSchemas.Names)}.", Required = true };
        var data = new Option<string?>("--data") { Description = $"Results directory (default: {DataDirectory.EnvironmentVariable}, else ./.data); ignored with --cosmos." };
        var target = new Option<double>("--target") { Description = "Precision the auto-accepted answers must reach.", DefaultValueFactory = _ => 0.99 };
        var minSupport = new Option<int>("--min-support") { Description = "Fewest reviewed answers at or above a threshold for it to count.", DefaultValueFactory = _ => 20 };
        var writeSchema = new Option<string?>("--write-schema") { Description = "Write a copy of the schema with each calibrated field's reviewThreshold to this file." };
        var json = new Option<bool>("--json") { Description = "Print the calibration report as JSON." };
        var plot = new Option<string?>("--plot") { Description = "Draw the reliability diagram (confidence against kept rate, per field) to this SVG file." };
        var cosmos = new CosmosConnectionOptions();
        var command = new Command("calibrate", "Learn from reviewers' corrections: per field, the kept rate, a reliability table, and the review threshold for a target precision.");
        foreach (var option in new Option[] { schema, data, target, minSupport, writeSchema, json, plot })
        {
            command.Options.Add(option);
        }

        cosmos.AddTo(command);
        command.SetAction((parseResult, cancellationToken) => CommandErrors.RunAsync(parseResult, async () =>
        {
            var options = new CalibrationOptions { TargetPrecision = parseResult.GetValue(target), MinSupport = parseResult.GetValue(minSupport) };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new CliUsageException("usage.calibration", e.Message.Split(" (Parameter", 2)[0]);
            }

            var schemaArgument = parseResult.GetValue(schema)!;
            var extractionSchema = await SchemaLoader.ResolveAsync(schemaArgument, cancellationToken).ConfigureAwait(false);
            var store = OpenStore(parseResult, cosmos, data);
            try
            {
                var stderr = parseResult.InvocationConfiguration.Error;
                var reviewed = new List<ReviewedField>();
                var skipped = 0;
                await foreach (var (document, problem) in ReadAllAsync(store, cancellationToken).ConfigureAwait(false))
                {
                    if (problem is not null)
                    {
                        skipped++;
                        await stderr.WriteLineAsync($"warning [{problem.Code}]: document {SafeText.Escape(problem.DocumentId)} left out of calibration: {SafeText.Escape(problem.Message)}").ConfigureAwait(false);
                        continue;
                    }

                    foreach (var field in ReviewedFieldCollector.From(extractionSchema, document!))
                    {
                        reviewed.Add(field);
                        if (field.ValueProblem is { } why)
                        {
                            await stderr.WriteLineAsync(
                                $"warning [{CalibrationWarningCodes.ReviewValueUnreadable}]: document {SafeText.Escape(field.DocumentId)} field '{field.Field}': the reviewer's value is not a {extractionSchema.Fields.First(f => f.Name == field.Field).Type.ToString().ToLowerInvariant()} ({SafeText.Escape(why)}); counted as changed.").ConfigureAwait(false);
                        }
                    }
                }

                if (skipped > 0)
                {
                    await stderr.WriteLineAsync($"{skipped} stored record(s) could not be read and were left out; the calibration covers the rest (exit {ExitCodes.PartialFailure}).").ConfigureAwait(false);
                }

                var report = ReviewCalibrator.Calibrate(extractionSchema, reviewed, options);
                var stdout = parseResult.InvocationConfiguration.Output;
                if (parseResult.GetValue(json))
                {
                    await stdout.WriteLineAsync(CalibrationPrinter.ToJson(report)).ConfigureAwait(false);
                }
                else
                {
                    CalibrationPrinter.WriteText(stdout, report);
                }

                if (parseResult.GetValue(plot) is { } plotPath)
                {
                    await File.WriteAllTextAsync(plotPath, ReliabilityPlot.Draw(report), cancellationToken).ConfigureAwait(false);
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync($"Wrote {plotPath}: reliability diagram of {report.Fields.Count} fields.").ConfigureAwait(false);
                }

                if (parseResult.GetValue(writeSchema) is { } path)
                {
                    var source = File.Exists(schemaArgument) ? await File.ReadAllTextAsync(schemaArgument, cancellationToken).ConfigureAwait(false) : EmbeddedSchemas.TryGetJson(schemaArgument)!;
                    await File.WriteAllTextAsync(path, SchemaThresholdWriter.WithThresholds(source, report) + "\n", cancellationToken).ConfigureAwait(false);
                    await parseResult.InvocationConfiguration.Error.WriteLineAsync(
                        $"Wrote {path}: reviewThreshold for {report.Fields.Count(f => f.Threshold is not null)} of {report.Fields.Count} calibrated fields. Extract with --schema {path} to use it.").ConfigureAwait(false);
                }

                return skipped == 0 ? ExitCodes.Success : ExitCodes.PartialFailure;
            }
            finally
            {
                (store as IDisposable)?.Dispose();
            }
        }));
        return command;
    }

    /// <summary>Every stored document, or why one cannot be read (the file store names each corrupt record; other stores skip none).</summary>
    private static async IAsyncEnumerable<(DocumentRecord? Document, StoredRecordProblem? Problem)> ReadAllAsync(
        IResultStore store, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (store is FileResultStore files)
        {
            await foreach (var entry in files.ScanDocumentsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return entry.Record is { } record
                    ? (record, null)
                    : (null, new StoredRecordProblem(entry.DocumentId, entry.Problem?.Code ?? FileResultStore.CorruptCode, entry.Problem?.Message ?? $"{entry.Path} cannot be read"));
            }

            yield break;
        }

        await foreach (var document in store.ListDocumentsAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return document.Schema is null || document.Fields is null || string.IsNullOrEmpty(document.DocumentId)
                ? (null, new StoredRecordProblem(document.DocumentId ?? "(no id)", FileResultStore.CorruptCode, "the record has no documentId, schema or fields"))
                : (document, null);
        }
    }

    private sealed record StoredRecordProblem(string DocumentId, string Code, string Message);

    private static IResultStore OpenStore(ParseResult parseResult, CosmosConnectionOptions cosmos, Option<string?> data)
    {
        if (string.IsNullOrWhiteSpace(parseResult.GetValue(cosmos.Endpoint)))
        {
            return new FileResultStore(DataDirectory.Results(DataDirectory.Resolve(parseResult.GetValue(data))));
        }

        var options = cosmos.Read(parseResult, createIfNotExists: false, parseResult.InvocationConfiguration.Error)
            ?? throw new CliUsageException("usage.cosmos", "The --cosmos endpoint is not an absolute URI.");
        return new CosmosResultStore(options);
    }
}
