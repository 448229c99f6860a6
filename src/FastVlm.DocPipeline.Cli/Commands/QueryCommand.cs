using System.CommandLine;
using System.Text.Json;
using FastVlm.DocPipeline.Storage.Cosmos;
using Microsoft.Azure.Cosmos;
using Spectre.Console;

namespace FastVlm.DocPipeline.Cli.Commands;

/// <summary><c>docpipe query "SELECT ..."</c>: runs a Cosmos SQL query over the results and prints a table or JSON.</summary>
internal static class QueryCommand
{
    public static Command Create()
    {
        var sql = new Argument<string>("sql")
        {
            Description = "Cosmos SQL text, or the path of a .sql file (samples/queries/*.sql; leading '--' comment lines are skipped).",
        };
        var json = new Option<bool>("--json") { Description = "Print the items as a JSON array instead of a table." };
        var maxItems = new Option<int?>("--max-items") { Description = "Stop after this many items." };
        var pageSize = new Option<int>("--page-size")
        {
            Description = "Items per request (the query pages through continuations).",
            DefaultValueFactory = _ => 100,
        };
        var parameters = new Option<string[]>("--param", "-p")
        {
            Description = "Query parameter NAME=VALUE (e.g. -p vendor=Contoso -p amount=1000); VALUE is read as JSON when it parses, else as text.",
            AllowMultipleArgumentsPerToken = false,
        };
        var cosmos = new CosmosConnectionOptions();

        var command = new Command("query", "Run a Cosmos DB SQL query over the extracted results (table or --json).");
        command.Arguments.Add(sql);
        command.Options.Add(json);
        command.Options.Add(maxItems);
        command.Options.Add(pageSize);
        command.Options.Add(parameters);
        cosmos.AddTo(command);

        command.SetAction((parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            return CommandErrors.RunAsync(error, async () =>
            {
                var limit = parseResult.GetValue(maxItems);
                if (limit is <= 0)
                {
                    throw new CliOptionException(CliErrorCodes.InvalidOption, $"--max-items must be a positive number of items (got {limit}); leave it out for all items.");
                }

                var requestedPageSize = parseResult.GetValue(pageSize);
                if (requestedPageSize <= 0)
                {
                    throw new CliOptionException(CliErrorCodes.InvalidOption, $"--page-size must be a positive number of items per request (got {requestedPageSize}).");
                }

                var query = BuildQuery(parseResult.GetValue(sql)!, parseResult.GetValue(parameters) ?? []);
                var options = cosmos.Read(parseResult, createIfNotExists: false, error);
                if (options is null)
                {
                    return ExitCodes.UsageOrInput;
                }

                var items = new List<JsonElement>();
                try
                {
                    using var reader = new CosmosQueryReader(options);
                    await foreach (var page in reader.QueryPagesAsync(query, Math.Min(requestedPageSize, limit ?? int.MaxValue), cancellationToken: cancellationToken))
                    {
                        items.AddRange(page.Items);
                        if (items.Count >= limit)
                        {
                            items.RemoveRange(limit.Value, items.Count - limit.Value);
                            break;
                        }
                    }
                }
                catch (CosmosStoreException e) when (e.IsTransient)
                {
                    await error.WriteLineAsync($"error [{e.Code}]: query failed: {e.Message}").ConfigureAwait(false);
                    return ExitCodes.InternalError;
                }

                if (parseResult.GetValue(json))
                {
                    await output.WriteLineAsync(JsonSerializer.Serialize(items, Indented)).ConfigureAwait(false);
                }
                else
                {
                    WriteTable(output, items);
                }

                return ExitCodes.Success;
            });
        });
        return command;
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static QueryDefinition BuildQuery(string sqlOrPath, IReadOnlyList<string> parameters)
    {
        var text = sqlOrPath;
        if (sqlOrPath.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
        {
            if (!File.Exists(sqlOrPath))
            {
                throw new CliOptionException(CliErrorCodes.QueryFileNotFound, $"Query file '{sqlOrPath}' does not exist.");
            }

            text = string.Join('\n', File.ReadAllLines(sqlOrPath).Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliOptionException(CliErrorCodes.QueryEmpty, "The query is empty.");
        }

        var query = new QueryDefinition(text.Trim());
        var supplied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parameter in parameters)
        {
            var eq = parameter.IndexOf('=');
            if (eq <= 0)
            {
                throw new CliOptionException(CliErrorCodes.QueryBadParameter, $"Parameter '{parameter}' is not NAME=VALUE.");
            }

            var name = parameter[..eq].TrimStart('@');
            var raw = parameter[(eq + 1)..];
            object? value;
            try
            {
                value = JsonSerializer.Deserialize<JsonElement>(raw);
            }
            catch (JsonException)
            {
                value = raw;
            }

            query = query.WithParameter("@" + name, value);
            supplied.Add(name);
        }

        var missing = ParametersUsedIn(text).Where(name => !supplied.Contains(name)).ToArray();
        if (missing.Length > 0)
        {
            throw new CliOptionException(CliErrorCodes.QueryMissingParameter,
                $"The query uses {string.Join(", ", missing.Select(n => "@" + n))} but no value was given: add {string.Join(" ", missing.Select(n => $"-p {n}=VALUE"))}.");
        }

        return query;
    }

    /// <summary>The <c>@name</c> parameters a query uses, outside its string literals.</summary>
    internal static IReadOnlyList<string> ParametersUsedIn(string sql)
    {
        var names = new List<string>();
        char? quote = null;
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (quote is { } open)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == open)
                {
                    quote = null;
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '@' && i + 1 < sql.Length && (char.IsLetter(sql[i + 1]) || sql[i + 1] == '_'))
            {
                var end = i + 1;
                while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
                {
                    end++;
                }

                var name = sql[(i + 1)..end];
                if (!names.Contains(name, StringComparer.Ordinal))
                {
                    names.Add(name);
                }

                i = end - 1;
            }
        }

        return names;
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<JsonElement> items)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        var columns = new List<string>();
        foreach (var item in items)
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in item.EnumerateObject())
                {
                    if (!columns.Contains(property.Name))
                    {
                        columns.Add(property.Name);
                    }
                }
            }
            else if (!columns.Contains("value"))
            {
                columns.Add("value");
            }
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        foreach (var item in items)
        {
            var cells = columns.Select(column => item.ValueKind == JsonValueKind.Object
                ? item.TryGetProperty(column, out var v) ? Cell(v) : ""
                : column == "value" ? Cell(item) : "");
            table.AddRow(cells.Select(c => new Text(c)).ToArray<Spectre.Console.Rendering.IRenderable>());
        }

        console.Write(table);
        console.WriteLine($"{items.Count} item(s)");
    }

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };
}
