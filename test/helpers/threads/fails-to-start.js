// A conversation thread that cannot start (say, its store cannot be opened).
throw new Error('cannot open the store');
