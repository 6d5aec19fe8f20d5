using Portal.Bench;

return args switch
{
    ["pdf", .. var rest] => PdfRenderBench.Run(rest),
    ["purge", .. var rest] => await PurgeBench.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Portal.Bench pdf [--renders N] [--warmup N] [--photo FILE.jpg] [--out FILE.pdf]");
    Console.Error.WriteLine("       Portal.Bench purge --cs POSTGRES_CONNECTION [--count N] [--files F] [--batch B]");
    return 2;
}
