Console.WriteLine("zordic");
