using EcoPlan.Cli;

return await EcoPlanCli.RunAsync(args, Console.Out, Console.Error);
