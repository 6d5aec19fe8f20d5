using Portal.Bench;

return args switch
{
    ["pdf", .. var rest] => PdfRenderBench.Run(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Portal.Bench pdf [--renders N] [--warmup N] [--photo FILE.jpg] [--out FILE.pdf]");
    return 2;
}
