using JanTune.LlamaSharp;

return args is ["sweep-worker"]
    ? await LlamaSharpSweepWorker.RunAsync(Console.In, Console.Out)
    : LlamaSharpHost.Run(args, Console.Out, Console.Error);
