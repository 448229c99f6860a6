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

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var options = cosmos.Read(parseResult, createIfNotExists: false, error);
            if (options is null)
            {
                return ExitCodes.UsageOrInput;
            }

            QueryDefinition query;
            try
            {
                query = BuildQuery(parseResult.GetValue(sql)!, parseResult.GetValue(parameters) ?? []);
            }
            catch (ArgumentException e)
            {
                error.WriteLine(e.Message);
                return ExitCodes.UsageOrInput;
            }

            var limit = parseResult.GetValue(maxItems);
            var size = Math.Max(1, Math.Min(parseResult.GetValue(pageSize), limit ?? int.MaxValue));
            var items = new List<JsonElement>();
            try
            {
                using var reader = new CosmosQueryReader(options);
                await foreach (var page in reader.QueryPagesAsync(query, size, cancellationToken: cancellationToken))
                {
                    items.AddRange(page.Items);
                    if (items.Count >= limit)
                    {
                        items.RemoveRange(limit.Value, items.Count - limit.Value);
                        break;
                    }
                }
            }
            catch (CosmosStoreException e)
            {
                error.WriteLine($"query failed ({e.Code}): {e.Message}");
                return e.Code == CosmosErrorCodes.BadRequest ? ExitCodes.UsageOrInput : ExitCodes.InternalError;
            }

            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(items, Indented));
            }
            else
            {
                WriteTable(output, items);
            }

            return ExitCodes.Success;
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
                throw new ArgumentException($"Query file '{sqlOrPath}' does not exist.");
            }

            text = string.Join('\n', File.ReadAllLines(sqlOrPath).Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal)));
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("The query is empty.");
        }

        var query = new QueryDefinition(text.Trim());
        foreach (var parameter in parameters)
        {
            var eq = parameter.IndexOf('=');
            if (eq <= 0)
            {
                throw new ArgumentException($"Parameter '{parameter}' is not NAME=VALUE.");
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
        }

        return query;
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
