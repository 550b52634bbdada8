/**
 * Passwords refused at registration, reset and change (NIST SP 800-63B §3.1.1.2: "values known to be
 * commonly used, expected, or compromised"). All entries are lower case and at least 8 characters long:
 * shorter passwords are refused by length anyway, and the policy compares case-insensitively.
 *
 * Sources: the top of well-known public breach lists (the 2011 CSDN / Tianya / 163 leaks for Chinese
 * users, RockYou and the SecLists top lists for everyone), plus systematic variants users reach for
 * when told "at least 8 characters": repeated and sequential digits, keyboard walks, dates, and common
 * words with a year or a short number appended. Built once at module load; a few thousand short strings,
 * cheap enough to ship to the browser so the form can warn before submitting.
 */

// prettier-ignore
const LISTED = [
  // Chinese users (CSDN, Tianya, 163, 7k7k and later Chinese top lists)
  "12345678", "123456789", "1234567890", "12345678910", "11111111", "111111111", "88888888", "888888888",
  "66666666", "666666666", "00000000", "000000000", "woaini1314", "woaini520", "woaini123", "woaini1314520",
  "5201314520", "52013145201314", "1314520520", "13145201314", "5201314a", "a5201314", "520520520", "5201314wo",
  "1314521521", "qq123456", "qq5201314", "qq1234567", "qq12345678", "a123456789", "a12345678", "a1234567",
  "abc123456", "abc12345", "abcd1234", "abcd123456", "aa123456", "aa12345678", "aaa123456", "a1b2c3d4",
  "1q2w3e4r", "1q2w3e4r5t", "1q2w3e4r5t6y", "q1w2e3r4", "q1w2e3r4t5", "1qaz2wsx", "1qaz2wsx3edc",
  "1qazxsw2", "zaq12wsx", "qazwsxedc", "qazwsx123", "qweasdzxc", "qwertyuiop", "qwertyui", "asdfghjkl",
  "asdfghjk", "zxcvbnm123", "zxcvbnm1", "zxcvbnma", "147258369", "147258369a", "123456789a", "123456789q",
  "987654321", "9876543210", "123123123", "123123123123", "321321321", "123321123", "12341234",
  "1234512345", "123654789", "147852369", "159357456", "159753456", "741852963", "789456123", "963852741",
  "1314520", "1234qwer", "qwer1234", "asdf1234", "zxcv1234", "1234abcd", "abc123abc", "a1s2d3f4",
  "iloveyou", "iloveyou1", "iloveyou520", "wangyut2", "dearbook", "xiazhili", "sunshine", "woaiwojia",
  "woaimama", "woaibaba", "woainima", "wodemima", "mimamima", "zhangwei", "wangwei123", "liuyang123",
  "li123456", "wang123456", "zhang123456", "chen123456", "liu123456", "yang123456", "huang123456",
  "zhao123456", "zhou123456", "wu123456", "xu123456", "sun123456", "ma123456", "zhu123456", "hu123456",
  "guo123456", "he123456", "lin123456", "luo123456", "gao123456", "baidu123", "baidu1234", "taobao123",
  "alipay123", "wechat123", "weixin123", "tencent123", "aini1314", "aini520", "wo123456", "ni123456",
  "qwe123456", "qwe12345", "asd123456", "asd12345", "zxc123456", "zxc12345", "qaz123456", "wsx123456",
  "123456qq", "123456aa", "123456abc", "123456asd", "123456qwe", "123456789abc", "123456ab", "123456a.",
  "12345qwert", "1234567a", "1234567q", "12345678a", "12345678q", "111111aa", "111111qq", "112233445566",
  "11223344", "1122334455", "12121212", "12344321", "1234554321", "123456654321", "12345600", "10203040",
  "13579246", "1357924680", "0987654321", "09876543", "87654321", "76543210", "01234567", "012345678",
  "0123456789", "456456456", "789789789", "147147147", "258258258", "369369369", "520520520520",
  "11112222", "12312312", "123454321", "5845201314", "7758521a", "77585210", "7758258", "a7758521",
  "zhongguo", "zhongguo123", "beijing2008", "beijing123", "shanghai123", "china123", "chinaren",
  "woshishui", "nihaoma123", "caonima123", "shenzhen123", "guangzhou123", "hangzhou123", "xiaoming",
  "xiaoxiao", "hahahaha", "hehehehe", "aaaaaaaa", "qqqqqqqq", "asdasdasd", "qweqweqwe", "zxczxczxc",
  "abcabcabc", "a1a1a1a1", "q1q1q1q1", "1a2b3c4d", "aaaa1111", "qqqq1111", "admin123", "admin888",
  "admin1234", "admin12345", "administrator", "root1234", "root123456", "test1234", "test123456",
  "guest123", "user1234", "sifaju123", "sifasuo123", "jiaozheng", "shequ123",
  // International top lists (RockYou, SecLists 10k, NordPass/Have I Been Pwned top entries)
  "password", "password1", "password12", "password123", "password1234", "password12345", "password!",
  "password1!", "passw0rd", "p@ssw0rd", "p@ssword", "pa55word", "pa$$w0rd", "passwort", "motdepasse",
  "qwerty123", "qwerty12", "qwerty1234", "qwertyuiop123", "qwerty12345", "iloveyou2", "princess",
  "princess1", "babygirl", "babygirl1", "football", "football1", "baseball", "basketball", "superman",
  "batman123", "1234567890a", "trustno1", "whatever", "starwars", "computer", "michelle", "jennifer",
  "jessica1", "corvette", "mercedes", "ferrari1", "mustang1", "jordan23", "liverpool", "chelsea1",
  "arsenal1", "manchester", "barcelona", "juventus", "michael1", "charlie1", "jonathan", "benjamin",
  "alexander", "elizabeth", "christine", "victoria", "danielle", "samantha", "stephanie", "jasmine1",
  "butterfly", "chocolate", "sweetheart", "lovelove", "lovely123", "loveyou1", "iloveu123",
  "iloveyou123", "ihateyou", "welcome1", "welcome123", "letmein1", "letmein123", "changeme",
  "changeme123", "default1", "internet", "access14", "master123", "masterkey", "dragon123", "monkey123",
  "shadow123", "freedom1", "nothing1", "secret123", "mysecret", "security", "summer2020", "asdfasdf",
  "asdfghjkl1", "zxcvbnm1234", "zxcvbnmm", "qazwsxedcrfv", "1qazxsw23edc", "!qaz2wsx", "1qaz@wsx",
  "1qaz!qaz", "qwe123qwe", "q1w2e3r4t5y6", "zaq1zaq1", "zaq1xsw2", "xsw2zaq1", "passpass", "pass1234",
  "pass12345", "password2", "computer1", "internet1", "starwars1", "sunshine1", "princess12", "charlie123",
  "google123", "facebook", "facebook1", "linkedin", "instagram", "microsoft", "windows7", "windows10",
  "playstation", "pokemon1", "naruto123", "minecraft", "minecraft1", "fortnite", "spiderman", "ironman1",
  "blink182", "metallica", "nirvana1", "rush2112", "thx1138", "0123456789a", "a0000000", "11111111a",
  "1111111111", "12345678900", "123456789000", "1234567899", "12345678901", "123456789123", "1234567812345678",
  "qwertyqwerty", "aaaaaaaaaa", "abcdefgh", "abcdefg1", "abcdefg123", "abcdefghij", "abcdefghijk",
  "abcdefghijkl", "a1234567890", "a12345678910",
] as const;

// prettier-ignore
const WORDS = [
  "password", "passw0rd", "p@ssw0rd", "pass", "admin", "root", "test", "user", "welcome", "letmein",
  "qwerty", "qwer", "asdf", "zxcv", "abc", "abcd", "iloveyou", "love", "woaini", "aini", "wo", "ni",
  "qq", "qwe", "asd", "zxc", "qaz", "wsx", "china", "zhongguo", "beijing", "shanghai", "baidu", "taobao",
  "wechat", "weixin", "monkey", "dragon", "master", "shadow", "sunshine", "princess", "football",
  "baseball", "superman", "batman", "hello", "hello1", "nihao", "nihaoma", "mima", "mimamima", "wodemima",
  "tiantian", "xiaoxiao", "haha", "hehe", "a", "aa", "aaa", "q", "z", "x", "s", "w", "lucky", "happy",
  "angel", "tiger", "xiaoming", "zhangwei", "wangwei", "lixiao", "liuyang", "summer", "winter", "spring",
  "autumn", "secret", "freedom", "changeme", "default", "guest", "portal", "sifa", "jiaozheng",
] as const;

// prettier-ignore
const SUFFIXES = [
  "123", "1234", "12345", "123456", "1234567", "12345678", "123456789", "520", "521", "1314", "5201314",
  "888", "666", "999", "000", "111", "1", "12", "!", "!!", "@123", "123!", "1!", "01", "007", "2008",
] as const;

// prettier-ignore
const KEYBOARD_WALKS = [
  "qwertyuiop", "asdfghjkl", "zxcvbnm", "1qaz2wsx3edc4rfv", "qazwsxedcrfvtgb", "1q2w3e4r5t6y7u8i",
  "q1w2e3r4t5y6u7i8", "!qaz@wsx#edc", "!@#$%^&*", "!@#$%^&*()", "!@#$qwer", "1234qwerasdf",
  "1234qwerasdfzxcv", "qwerasdfzxcv", "poiuytrewq", "lkjhgfdsa", "mnbvcxz", "0987poiu", "0p9o8i7u",
  "qweasdzxc123", "zaq1xsw2cde3", "147258369852", "74108520963", "7894561230", "3698521470",
] as const;

function* generated(): Generator<string> {
  yield* LISTED;

  // One digit repeated, 8–12 long; two-digit pairs repeated (12121212, 52525252 …).
  for (let digit = 0; digit <= 9; digit++) {
    for (let length = 8; length <= 12; length++) yield String(digit).repeat(length);
  }
  for (let pair = 10; pair <= 99; pair++) yield String(pair).repeat(4);

  // Ascending and descending digit runs of 8–12, starting anywhere (wrapping 9 → 0).
  for (let start = 0; start <= 9; start++) {
    for (let length = 8; length <= 12; length++) {
      let up = "";
      let down = "";
      for (let i = 0; i < length; i++) {
        up += String((start + i) % 10);
        down += String((start - i + 100) % 10);
      }
      yield up;
      yield down;
    }
  }

  // Lower-case letter runs and a letter repeated.
  const alphabet = "abcdefghijklmnopqrstuvwxyz";
  for (let length = 8; length <= 12; length++) yield alphabet.slice(0, length);
  for (const letter of alphabet) yield letter.repeat(8);

  // Keyboard walks, alone and with digits.
  for (const walk of KEYBOARD_WALKS) {
    yield walk;
    yield `${walk}123`;
    yield `${walk}1`;
  }

  // Word + year (the years users were born in or are signing up in) and word + short number.
  for (const word of WORDS) {
    for (let year = 1970; year <= 2030; year++) {
      if (word.length >= 4 || year % 10 === 0) yield `${word}${year}`;
    }
    for (const suffix of SUFFIXES) yield `${word}${suffix}`;
  }

  // Birth dates as 8 digits for the most common sign-up ages (YYYYMMDD for every 1 January and the
  // Chinese "lucky" dates) — full calendars would be tens of thousands of entries for little gain.
  for (let year = 1960; year <= 2015; year++) {
    yield `${year}0101`;
    yield `${year}0520`;
    yield `${year}0808`;
    yield `${year}1111`;
    yield `${year}1314`;
    yield `${year}${year}`;
  }
}

function build(): ReadonlySet<string> {
  const set = new Set<string>();
  for (const candidate of generated()) {
    const password = candidate.toLowerCase();
    if ([...password].length >= 8) set.add(password);
  }
  return set;
}

/** Lower-cased, each ≥ 8 characters. Compare with `commonPasswords.has(password.toLowerCase())`. */
export const commonPasswords: ReadonlySet<string> = build();
