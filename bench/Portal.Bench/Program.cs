using Portal.Bench;

return args switch
{
    ["pdf", .. var rest] => PdfRenderBench.Run(rest),
    ["purge", .. var rest] => await PurgeBench.RunAsync(rest),
    ["submit", .. var rest] => SubmitBench.Run(rest),
    ["dispatch", .. var rest] => await DispatchBench.RunAsync(rest),
    ["batch-print", .. var rest] => await BatchPrintBench.RunAsync(rest),
    ["login", .. var rest] => LoginBench.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Portal.Bench pdf [--renders N] [--warmup N] [--photo FILE.jpg] [--out FILE.pdf]");
    Console.Error.WriteLine("       Portal.Bench purge --cs POSTGRES_CONNECTION [--count N] [--files F] [--batch B]");
    Console.Error.WriteLine("       " + SubmitBench.Usage["usage: ".Length..]);
    Console.Error.WriteLine("       " + DispatchBench.Usage["usage: ".Length..]);
    Console.Error.WriteLine("       " + BatchPrintBench.Usage["usage: ".Length..]);
    Console.Error.WriteLine("       " + LoginBench.Usage["usage: ".Length..]);
    return 2;
}
