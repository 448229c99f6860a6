using FastVlm.DocPipeline.Cli.Commands;

return await DocpipeRoot.Create().Parse(args).InvokeAsync();
