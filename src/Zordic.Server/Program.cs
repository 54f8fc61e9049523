using Zordic.Server.Cli;

return await ZordicCommand.RunAsync(args);
